// The demo's round trip in the two other engines: Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, WebKitGTK's MiniBrowser by webdriverio
// over WebDriver classic (playwright cannot drive either stock build). The
// rest of the end-to-end suite runs in Chromium only; see the README.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startDemo } from '../../demo/server/demo-server.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { ENGINES, FIREFOX, WEBKIT_CAPABILITIES, chosenEngines, startWebKitDriver } from '../launchers.mjs';

const TOKEN_KEY = 'aniapi-elements.token';
let demo;

before(async () => {
  demo = await startDemo({ port: 0, standinPort: 0 });
});
after(() => demo?.close());

/** No address the browser showed may hold a fragment or the token. */
function assertClean(urls, token) {
  for (const url of urls) assert.ok(!url.includes('#') && !url.includes(token) && !url.includes('access_token'), url);
}

const skipUnless = (engine) => ({ skip: chosenEngines().includes(engine) ? false : `ENGINES leaves out ${engine}` });
assert.ok(ENGINES.includes('firefox') && ENGINES.includes('webkit'));

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
    await page.waitForFunction((home) => location.href === home && document.getElementById('username')?.textContent === 'demo', {}, `${demo.url}/`);

    const token = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    // Firefox's BiDi answers a step past either end of the history with an error, not null.
    const step = (move) => move.call(page).then((response) => response !== null, () => false);
    const seen = [page.url()];
    while (await step(page.goBack)) seen.push(page.url());
    while (await step(page.goForward)) seen.push(page.url());
    assert.ok(seen.length >= 3, seen.join(' '));
    assertClean(seen, token);
  });
});

describe('the round trip in WebKit', skipUnless('webkit'), () => {
  let driver;
  let browser;
  before(async () => {
    driver = await startWebKitDriver();
    browser = await remote({ hostname: '127.0.0.1', port: driver.port, path: '/', logLevel: 'error', capabilities: WEBKIT_CAPABILITIES });
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    driver?.stop();
  });

  test('wrong password, right password, callback, back signed in; no token in any address', async () => {
    await browser.url(`${demo.url}/`);
    await browser.waitUntil(() => browser.execute(() => Boolean(document.querySelector('aniapi-login')?.shadowRoot?.querySelector('button'))));
    await browser.execute(() => document.querySelector('aniapi-login').shadowRoot.querySelector('button').click());
    await browser.waitUntil(async () => (await browser.getUrl()).startsWith(`${demo.standin.url}/v1/oauth?`));

    await (await browser.$('input[name=email]')).setValue(DEMO_EMAIL);
    await (await browser.$('input[name=password]')).setValue('wrong');
    await (await browser.$('button[type=submit]')).click();
    await browser.waitUntil(async () => (await (await browser.$('#error')).getText()) === 'Credentials are not valid');

    await (await browser.$('input[name=password]')).setValue(DEMO_PASSWORD);
    await (await browser.$('button[type=submit]')).click();
    await browser.waitUntil(
      async () => (await browser.getUrl()) === `${demo.url}/` && (await browser.execute(() => document.getElementById('username')?.textContent)) === 'demo',
      { timeout: 10_000 },
    );

    const token = await browser.execute((key) => sessionStorage.getItem(key), TOKEN_KEY);
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const seen = [await browser.getUrl()];
    for (const step of ['back', 'back', 'forward', 'forward']) {
      await browser[step]();
      seen.push(await browser.getUrl());
    }
    assertClean(seen, token);
  });
});
