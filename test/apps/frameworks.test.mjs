// Each framework app in demo/frameworks/, built by its own toolchain, goes
// through the real round trip in Chromium against the stand-in (the single-page
// apps on their routes; Astro, a static site, on a page for each): a login held by
// the app's own handler, then a login, the callback route, the signed-in view
// with the user's name, and logout; once more with the single file loaded on the
// same page beside the app's own copy of the elements and of Lit. Then a second
// login left to the app's own auto-return, which must land on a fresh document
// of / where no API of the page holds the token. Each app loads the pre-scrub,
// the package's own aniapi-scrub.js, first in its head, and the response is off
// the address bar before the app's first module runs.
// npm run test:apps installs, checks and builds the apps, then runs this; APPS=vue,react narrows it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSite } from '../../demo/server/demo-server.mjs';
import { APPS as CHOSEN } from '../../scripts/apps.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { launchChromium } from '../e2e/browser.mjs';
import { apisHolding, assertTokenGone, tokenProbe } from '../e2e/token-probe.mjs';

// The apps that build to static files; the Next.js app runs its own server, and test/apps/next.test.mjs drives it.
const APPS = CHOSEN.filter((app) => app !== 'next');

// Scripts from the app's own origin only; the apps' styles may be inline (Angular adds <style> elements).
const policy = (standinUrl) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ${standinUrl}; base-uri 'none'`;

// The pre-scrub as the package ships it: each app's build must serve this file, byte for byte.
const preScrub = readFileSync(new URL('../../dist/aniapi-scrub.js', import.meta.url));

let browser;
// Only when an app is chosen: with APPS=fresh-vite there is no test here, the after hook
// never runs, and an open browser would keep the run from ending.
if (APPS.length > 0) {
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());
}

for (const app of APPS) {
  describe(`the ${app} app`, () => {
    const root = fileURLToPath(new URL(`../../demo/frameworks/${app}/dist/`, import.meta.url));
    let site;
    before(async () => {
      assert.ok(existsSync(`${root}index.html`), `demo/frameworks/${app} is not built: run npm run test:apps`);
      site = await startSite({ root, policy, callbackPath: '/callback', spa: true });
    });
    after(() => site?.close());

    test("loads the pre-scrub first in its head, the package's aniapi-scrub.js byte for byte", async () => {
      // The home and the callback route: one index.html serves both in a single-page app, Astro writes a page for each.
      for (const path of ['/', '/callback']) {
        const response = await fetch(`${site.url}${path}`);
        assert.equal(response.status, 200);
        const html = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
        const head = html.match(/<head>([\s\S]*?)<\/head>/)?.[1] ?? '';
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        // A classic, parser-blocking script, the first of the whole page, in the head.
        assert.equal(scripts[0], '<script src="/aniapi-scrub.js">', `the first script of ${path}`);
        assert.ok(head.includes(scripts[0]), `the pre-scrub of ${path} is in the head`);
      }
      const response = await fetch(`${site.url}/aniapi-scrub.js`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/javascript\b/);
      // Not index.html, which the host serves for any path it does not know.
      assert.ok(
        Buffer.from(await response.arrayBuffer()).equals(preScrub),
        'aniapi-scrub.js differs from dist/aniapi-scrub.js',
      );
    });

    test('goes round trip: a held login, a login, the callback route, the user, logout, a login that returns by itself', async () => {
      await roundTrip(site, { app });
    });

    test('works with the single file loaded on the same page before the app', async () => {
      await roundTrip(site, { app, withSingleFile: true });
    });

    test('reports a callback without a response through its own event handler', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(`${site.url}/callback`);
      await page
        .locator('[data-test=error]')
        .filter({ hasText: /^no_response: / })
        .waitFor();
      assert.deepEqual(await eventsSeen(page), ['aniapi-error']);
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}

/** The whole journey as a person makes it, checking what the app shows at each step. */
async function roundTrip(site, { app, withSingleFile = false }) {
  // A page that a test route fulfils has no address space of its own, so Chromium's
  // Local Network Access would refuse its fetch to the stand-in on 127.0.0.1.
  const context = await browser.newContext(withSingleFile ? { permissions: ['local-network-access'] } : {});
  await context.addInitScript(recordAddressBeforeModules);
  const page = await context.newPage();
  const problems = watchConsole(page);
  if (withSingleFile) {
    // The plain-HTML way of loading the elements, first in every page of the app (the
    // home and the callback route), beside the app's own bundle.
    await page.route(`${site.url}/**`, async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<head>',
        '<head><script type="module" src="/dist/aniapi-elements.min.js"></script>',
      );
      await route.fulfill({ response, body: html });
    });
  }
  await page.goto(`${site.url}/`);
  const session = page.locator('[data-test=session]');
  await session.filter({ hasText: /^signed out$/ }).waitFor();
  const button = page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' });
  await assertEventually(() => button.isEnabled(), 'the login button is enabled once the config is loaded');

  // The app's aniapi-login handler cancels the redirect while "Hold the login" is checked.
  await page.locator('[data-test=hold]').check();
  await button.click();
  await page.locator('[data-test=held]').filter({ hasText: 'Login held by the app' }).waitFor();
  assert.equal(page.url(), `${site.url}/`);
  assert.deepEqual(await eventsSeen(page), ['aniapi-login']);
  await page.locator('[data-test=hold]').uncheck();

  await button.click();
  await page.waitForURL(`${site.standin.url}/v1/oauth?**`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  // Stop the auto-return's navigation, to see what the callback route showed and heard
  // (Chromium answers nothing from a page whose navigation is held), then go on by hand.
  let returned = false;
  await page.route(`${site.url}/`, async (route) => {
    if (returned) return route.fallback();
    returned = true;
    await route.abort('aborted');
  });
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(`${site.url}/callback`);
  await assertEventually(async () => (await eventsSeen(page)).length > 0, 'the callback route handled an event');
  await assertEventually(() => returned, 'the callback route went back to / by itself');
  assert.deepEqual(await eventsSeen(page), ['aniapi-token']);
  assert.equal(page.url(), `${site.url}/callback`, 'the fragment is gone from the address bar');
  // Gone already when the parser finished, before the first module script (the app's, the single file's) ran.
  assert.deepEqual(
    await page.evaluate(() => window.__addressBeforeModules),
    { url: `${site.url}/callback`, responseInHistoryState: false, elementsDefined: false },
    'the pre-scrub took the response off the address bar before any module of the page ran',
  );
  // The app binds store="local": the token is there, and only there.
  const { token, inSession } = await page.evaluate(() => ({
    token: JSON.parse(localStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
    inSession: JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
  }));
  assert.ok(token);
  assert.equal(inSession, null);
  const historyState = JSON.stringify(await page.evaluate(() => history.state)) ?? '';
  assert.ok(!historyState.includes(token), `a router kept the token in history.state: ${historyState.slice(0, 80)}`);
  // This held callback document loaded the token, and keeps it where no scrub reaches: why the journey must leave it.
  const held = apisHolding(await page.evaluate(tokenProbe, token));
  assert.deepEqual(held, ['navigation.activation.entry.url', 'performance navigation']);
  await page.goto(`${site.url}/`);
  await session.filter({ hasText: /^signed in$/ }).waitFor();
  await page.locator('[data-test=user]').filter({ hasText: 'demo' }).waitFor();
  assert.equal(
    await page.evaluate(() => JSON.parse(localStorage.getItem('aniapi-elements.token'))?.accessToken ?? null),
    token,
  );

  await page.locator('[data-test=logout]').click();
  await session.filter({ hasText: /^signed out$/ }).waitFor();
  // The login element stays in the page, hidden while signed in, and the app's own handler hears the logout.
  await assertEventually(
    async () => (await eventsSeen(page)).includes('aniapi-logout'),
    'the app handled aniapi-logout',
  );
  assert.equal(
    await page.evaluate(() => JSON.parse(localStorage.getItem('aniapi-elements.token'))?.accessToken ?? null),
    null,
  );
  await assertEventually(() => button.isVisible(), 'the login button is back after logout');

  // Again, as a user meets it: nothing held, the callback route's own auto-return brings the browser back to /.
  await button.click();
  await page.waitForURL(`${site.standin.url}/v1/oauth?**`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(`${site.url}/`);
  await session.filter({ hasText: /^signed in$/ }).waitFor();
  await page.locator('[data-test=user]').filter({ hasText: 'demo' }).waitFor();
  const again = await page.evaluate(
    () => JSON.parse(localStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
  );
  assert.ok(again);
  // A router that went to / in the callback's document would leave the callback URL in its navigation entry.
  assertTokenGone(await page.evaluate(tokenProbe, again), 'chromium', `the ${app} app signed in`);
  assert.deepEqual(problems, []);
  await context.close();
}

/**
 * An init script, run first in every document of the context: in one loaded with an OAuth
 * response in its fragment, records what its address shows once the parser has finished,
 * when readyState turns "interactive", just before the deferred scripts, and so every
 * module script of the page, run. Only a classic script run during parsing (the pre-scrub)
 * can have taken the response off by then. No part of the response is kept.
 */
function recordAddressBeforeModules() {
  if (!location.hash.includes('access_token=')) return;
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__addressBeforeModules = {
      url: location.href.replace(/#.*/s, '#<fragment>'),
      responseInHistoryState: (JSON.stringify(history.state) ?? '').includes('access_token'),
      // No module has run yet: none has defined the elements.
      elementsDefined: customElements.get('aniapi-callback') !== undefined,
    };
  });
}

/** Console errors and warnings, and uncaught exceptions: a double registration or a second Lit would show here. */
function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

async function eventsSeen(page) {
  const items = await page.locator('[data-test=events] li').allTextContents();
  return items.map((item) => item.trim());
}

async function assertEventually(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
