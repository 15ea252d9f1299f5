// End-to-end journeys in the two other engines: Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, WebKitGTK's MiniBrowser by webdriverio
// over WebDriver classic (playwright cannot drive either stock build): the
// demo's round trip, and a login on the strict-CSP test pages whose callback
// stays put, so that Back, Forward and reload meet the scrubbed entry itself;
// then the demo's popup sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startDemo } from '../../demo/server/demo-server.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { requireBrowsers } from '../browsers.mjs';
import { FIREFOX, WEBKIT_CAPABILITIES, chosenEngines, startWebKitDriver } from '../launchers.mjs';
import { startStrictSite } from './strict-server.mjs';
import { NAVIGATION_API, apisHolding, assertTokenGone, tokenProbe } from './token-probe.mjs';

// Without a browser ENGINES chooses, this file stops with one line rather than a stack trace per test.
requireBrowsers(chosenEngines().filter((engine) => engine !== 'chromium'));

const TOKEN_KEY = 'aniapi-elements.token';
let demo;
let site;

before(async () => {
  demo = await startDemo({ port: 0, standinPort: 0 });
  site = await startStrictSite();
});
after(async () => {
  await demo?.close();
  await site?.close();
});

/** What the strict callback page heard, and the policy violations its pages recorded. */
const CALLBACK_STATE = () => ({
  heard: window.heard ?? [],
  violations: window.violations ?? [],
  token: JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
});

/** No address the browser showed may hold a fragment or the token. */
function assertClean(urls, token) {
  for (const url of urls) assert.ok(!url.includes('#') && !url.includes(token) && !url.includes('access_token'), url);
}

/** What a callback document that stays still holds after its scrub, per engine; WebKitGTK 2.50 has no Navigation API. */
const STAYING_CALLBACK_HOLDS = {
  firefox: ['navigation.activation.entry.url', 'performance navigation'],
  webkit: ['performance navigation'],
};

const skipUnless = (engine) => ({ skip: chosenEngines().includes(engine) ? false : `ENGINES leaves out ${engine}` });

/** Moves through the history; false past either end, which Firefox's BiDi reports as an error rather than null. */
function historyStep(page, move) {
  return move.call(page).then(
    (response) => response !== null,
    (error) => {
      if (/no such history entry/i.test(String(error?.message))) return false;
      throw error;
    },
  );
}

describe('the round trip in Firefox', skipUnless('firefox'), () => {
  let browser;
  before(async () => {
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  });
  after(() => browser?.close());

  test('wrong password, right password, callback, back signed in; no token in any address', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    await page.waitForSelector('aniapi-login >>> button');
    await Promise.all([page.waitForNavigation(), page.click('aniapi-login >>> button')]);
    assert.ok(page.url().startsWith(`${demo.standin.url}/v1/oauth?`), page.url());

    await page.type('input[name=email]', DEMO_EMAIL);
    await page.type('input[name=password]', 'wrong');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('error').textContent === 'Credentials are not valid');

    await page.$eval('input[name=password]', (input) => (input.value = ''));
    await page.type('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForFunction(
      (home) =>
        location.href === home &&
        document.getElementById('user')?.shadowRoot?.querySelector('[part=name]')?.textContent === 'demo',
      {},
      `${demo.url}/`,
    );

    const token = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key))?.accessToken ?? null, TOKEN_KEY);
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // Loaded afresh by the callback page's auto-return: no API of this page may hold the token.
    assertTokenGone(await page.evaluate(tokenProbe, token), 'firefox', 'the demo signed in');
    const step = (move) => historyStep(page, move);
    const seen = [page.url()];
    while (await step(page.goBack)) seen.push(page.url());
    while (await step(page.goForward)) seen.push(page.url());
    assert.ok(seen.length >= 3, seen.join(' '));
    assertClean(seen, token);
  });

  test('under the strict CSP: login, no violation, a scrubbed callback entry through Back, Forward and reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/login.html`);
    // login.js sets the button's settings after fetching them, and its top-level await does not hold the load event.
    await page.waitForFunction(() => document.querySelector('aniapi-login')?.authorizeUrl);
    await Promise.all([page.waitForNavigation(), page.click('aniapi-login >>> button')]);
    await page.type('input[name=email]', DEMO_EMAIL);
    await page.type('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await page.waitForFunction(() => window.heard?.length > 0);
    const landed = await page.evaluate(CALLBACK_STATE);
    assert.deepEqual(landed.heard, [{ type: 'aniapi-token', code: null }]);
    assert.deepEqual(landed.violations, []);
    assert.equal(page.url(), `${site.url}/callback.html`);
    // The probe fails where it should: the document that loaded the token keeps it after the scrub.
    const stayed = await page.evaluate(tokenProbe, landed.token);
    assert.equal(stayed.navigationApi, NAVIGATION_API.firefox);
    assert.deepEqual(apisHolding(stayed), STAYING_CALLBACK_HOLDS.firefox, JSON.stringify(stayed.found));
    for (const { value } of stayed.found)
      assert.match(value, /^http:\/\/localhost:\d+\/callback\.html#access_token=<token>&/);

    await Promise.all([page.waitForNavigation(), page.click('a')]);
    const seen = [page.url()];
    while (await historyStep(page, page.goBack)) seen.push(page.url());
    while (await historyStep(page, page.goForward)) seen.push(page.url());
    assert.ok(seen.includes(`${site.url}/callback.html`), seen.join(' '));
    assertClean(seen, landed.token);

    // The callback page again, and reloaded, in the tab it signed in: it shows that sign-in, and stores nothing new.
    await page.goto(`${site.url}/callback.html`);
    await page.reload();
    await page.waitForFunction(() => window.heard?.length > 0);
    const again = await page.evaluate(CALLBACK_STATE);
    assert.deepEqual(again.heard, [{ type: 'aniapi-token', code: null }]);
    assert.equal(again.token, landed.token);
  });

  test('popup sign-in: the popup closes itself, and the page signed in holds the token in no API', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    await page.waitForFunction(() =>
      Boolean(document.querySelector('aniapi-login')?.authorizeUrl?.startsWith('http://127.0.0.1')),
    );
    await page.click('input[name=mode][value=popup]');
    await page.waitForFunction(() => document.querySelector('aniapi-login').mode === 'popup');
    const opened = new Promise((resolve) => page.once('popup', resolve));
    await page.click('aniapi-login >>> button');
    const popup = await opened;
    await popup.waitForSelector('input[name=email]');
    assert.ok(popup.url().startsWith(`${demo.standin.url}/v1/oauth?`), popup.url());
    await popup.type('input[name=email]', DEMO_EMAIL);
    await popup.type('input[name=password]', DEMO_PASSWORD);
    const closed = new Promise((resolve) => popup.once('close', resolve));
    await popup.click('button[type=submit]');
    await closed;
    await page.waitForFunction(
      () => document.getElementById('user')?.shadowRoot?.querySelector('[part=name]')?.textContent === 'demo',
    );
    assert.equal(page.url(), `${demo.url}/`);
    const token = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key))?.accessToken ?? null, TOKEN_KEY);
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assertTokenGone(await page.evaluate(tokenProbe, token), 'firefox', 'the opener signed in through the popup');
    // The demo remembers the mode in this profile.
    await page.evaluate(() => localStorage.setItem('aniapi-demo.mode', 'redirect'));
  });
});

describe('the round trip in WebKit', skipUnless('webkit'), () => {
  let driver;
  let browser;
  before(async () => {
    driver = await startWebKitDriver();
    browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      capabilities: WEBKIT_CAPABILITIES,
    });
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    driver?.stop();
  });

  test('wrong password, right password, callback, back signed in; no token in any address', async () => {
    await browser.url(`${demo.url}/`);
    await browser.waitUntil(() =>
      browser.execute(() => Boolean(document.querySelector('aniapi-login')?.shadowRoot?.querySelector('button'))),
    );
    await browser.execute(() => document.querySelector('aniapi-login').shadowRoot.querySelector('button').click());
    await browser.waitUntil(async () => (await browser.getUrl()).startsWith(`${demo.standin.url}/v1/oauth?`));

    await (await browser.$('input[name=email]')).setValue(DEMO_EMAIL);
    await (await browser.$('input[name=password]')).setValue('wrong');
    await (await browser.$('button[type=submit]')).click();
    await browser.waitUntil(async () => (await (await browser.$('#error')).getText()) === 'Credentials are not valid');

    await (await browser.$('input[name=password]')).setValue(DEMO_PASSWORD);
    await (await browser.$('button[type=submit]')).click();
    await browser.waitUntil(
      async () =>
        (await browser.getUrl()) === `${demo.url}/` &&
        (await browser.execute(
          () => document.getElementById('user')?.shadowRoot?.querySelector('[part=name]')?.textContent,
        )) === 'demo',
      { timeout: 10_000 },
    );

    const token = await browser.execute(
      (key) => JSON.parse(sessionStorage.getItem(key))?.accessToken ?? null,
      TOKEN_KEY,
    );
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // Loaded afresh by the callback page's auto-return: no API of this page may hold the token.
    assertTokenGone(await browser.execute(tokenProbe, token), 'webkit', 'the demo signed in');
    const seen = [await browser.getUrl()];
    for (const step of ['back', 'back', 'forward', 'forward']) {
      await browser[step]();
      seen.push(await browser.getUrl());
    }
    assertClean(seen, token);
  });
  test('under the strict CSP: login, no violation, a scrubbed callback entry through Back, Forward and reload', async () => {
    await browser.url(`${site.url}/login.html`);
    await browser.waitUntil(() =>
      browser.execute(() =>
        Boolean(document.querySelector('aniapi-login')?.authorizeUrl?.startsWith('http://127.0.0.1')),
      ),
    );
    await browser.execute(() => document.querySelector('aniapi-login').shadowRoot.querySelector('button').click());
    await browser.waitUntil(async () => (await browser.getUrl()).startsWith(`${site.standin.url}/v1/oauth?`));
    await (await browser.$('input[name=email]')).setValue(DEMO_EMAIL);
    await (await browser.$('input[name=password]')).setValue(DEMO_PASSWORD);
    await (await browser.$('button[type=submit]')).click();
    await browser.waitUntil(async () => (await browser.execute(CALLBACK_STATE)).heard.length > 0, { timeout: 10_000 });
    const landed = await browser.execute(CALLBACK_STATE);
    assert.deepEqual(landed.heard, [{ type: 'aniapi-token', code: null }]);
    assert.deepEqual(landed.violations, []);
    assert.equal(await browser.getUrl(), `${site.url}/callback.html`);
    // The probe fails where it should: the document that loaded the token keeps it after the scrub.
    const stayed = await browser.execute(tokenProbe, landed.token);
    assert.equal(stayed.navigationApi, NAVIGATION_API.webkit);
    assert.deepEqual(apisHolding(stayed), STAYING_CALLBACK_HOLDS.webkit, JSON.stringify(stayed.found));
    for (const { value } of stayed.found)
      assert.match(value, /^http:\/\/localhost:\d+\/callback\.html#access_token=<token>&/);

    await (await browser.$('a')).click();
    await browser.waitUntil(async () => (await browser.getUrl()) === `${site.url}/login.html`);
    const seen = [await browser.getUrl()];
    for (const step of ['back', 'back', 'forward', 'forward']) {
      await browser[step]();
      seen.push(await browser.getUrl());
    }
    assert.ok(seen.includes(`${site.url}/callback.html`), seen.join(' '));
    assertClean(seen, landed.token);

    // The callback page again, and reloaded, in the tab it signed in: it shows that sign-in, and stores nothing new.
    await browser.url(`${site.url}/callback.html`);
    await browser.refresh();
    await browser.waitUntil(async () => (await browser.execute(CALLBACK_STATE)).heard.length > 0);
    const again = await browser.execute(CALLBACK_STATE);
    assert.deepEqual(again.heard, [{ type: 'aniapi-token', code: null }]);
    assert.equal(again.token, landed.token);
  });

  test('popup sign-in: the popup closes itself, and the page signed in holds the token in no API', async () => {
    // This tab is still signed in from the round trip: out first, from a page of the demo's origin that runs no script.
    await browser.url(`${demo.url}/config.json`);
    await browser.execute(() => sessionStorage.clear());
    await browser.url(`${demo.url}/`);
    await browser.waitUntil(() =>
      browser.execute(() =>
        Boolean(document.querySelector('aniapi-login')?.authorizeUrl?.startsWith('http://127.0.0.1')),
      ),
    );
    await (await browser.$('#signed-out')).waitForDisplayed();
    await (await browser.$('input[name=mode][value=popup]')).click();
    await browser.waitUntil(() => browser.execute(() => document.querySelector('aniapi-login').mode === 'popup'));
    const opener = await browser.getWindowHandle();
    // A real click, not a scripted one: the popup needs the user's gesture.
    await (await browser.$('aniapi-login').shadow$('button')).click();
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2);
    await browser.switchToWindow((await browser.getWindowHandles()).find((handle) => handle !== opener));
    await browser.waitUntil(async () => (await browser.getUrl()).startsWith(`${demo.standin.url}/v1/oauth?`));
    await (await browser.$('input[name=email]')).setValue(DEMO_EMAIL);
    await (await browser.$('input[name=password]')).setValue(DEMO_PASSWORD);
    await (await browser.$('button[type=submit]')).click();
    // The popup closes itself only at the end of the whole sign-in (the stand-in's redirect, the callback page, the
    // hand-back): under a loaded two-core CI machine WebKit once took longer than 10 s for it. A wait, not a timing.
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 1, { timeout: 30_000 });
    await browser.switchToWindow(opener);
    await browser.waitUntil(
      async () =>
        (await browser.execute(
          () => document.getElementById('user')?.shadowRoot?.querySelector('[part=name]')?.textContent,
        )) === 'demo',
      { timeout: 10_000 },
    );
    assert.equal(await browser.getUrl(), `${demo.url}/`);
    const token = await browser.execute(
      (key) => JSON.parse(sessionStorage.getItem(key))?.accessToken ?? null,
      TOKEN_KEY,
    );
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assertTokenGone(await browser.execute(tokenProbe, token), 'webkit', 'the opener signed in through the popup');
    // The demo remembers the mode in this profile.
    await browser.execute(() => localStorage.setItem('aniapi-demo.mode', 'redirect'));
  });
});
