// Real logins under the strictest page policy, then every way a browser can
// bring a used or foreign callback URL back: reload, Back/Forward, the
// back-forward cache, the URL pasted into a new tab, a login another tab began.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { launchChromium } from './browser.mjs';
import { startStrictSite } from './strict-server.mjs';
import { NAVIGATION_API, apisHolding, tokenProbe } from './token-probe.mjs';

let browser;
let site;
let context;

before(async () => {
  browser = await launchChromium();
  site = await startStrictSite();
});
after(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext();
  // Before any page script: every pageshow. (The pages record policy violations themselves.)
  await context.addInitScript(() => {
    window.shows = [];
    window.addEventListener('pageshow', (e) => window.shows.push(e.persisted));
  });
});

/**
 * Starts a login on the strict login page and signs in at the stand-in; the
 * stand-in's answer (the callback URL with the token) is handed to `intercept`
 * when given, and the browser is kept from following it.
 */
async function login(page, { intercept } = {}) {
  if (intercept) {
    await page.route(`${site.standin.url}/v1/oauth?**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const envelope = await response.json();
      intercept(envelope.data);
      await route.fulfill({ response, json: { ...envelope, status_code: 401, data: 'held by the test' } });
    });
  }
  await page.goto(`${site.url}/login.html`);
  // login.js sets the button's settings after fetching them, and its top-level await does not hold the load event.
  await page.waitForFunction(() => document.querySelector('aniapi-login')?.authorizeUrl);
  await page.locator('aniapi-login').getByRole('button').click();
  await page.waitForURL(`${site.standin.url}/v1/oauth?**`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
}

/** What the callback page reported, once it has: its reports after the first `skip`. */
async function outcome(page, skip = 0) {
  await page.waitForFunction((skip) => window.heard?.length > skip, skip);
  return page.evaluate(
    (skip) => ({
      heard: window.heard.slice(skip),
      url: location.href,
      token: JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
      violations: window.violations,
    }),
    skip,
  );
}

/** Records what a page logs, for the leak checks. */
function recordConsole(page) {
  const lines = [];
  page.on('console', (message) => lines.push(message.text()));
  return lines;
}

/** Asserts that no secret is in the page's address, text or attributes (shadow roots too), or in what it logged. */
async function assertNoLeak(page, secrets, consoleLines) {
  const shown = await page.evaluate(() => {
    const all = (root) =>
      [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
    return all(document)
      .flatMap((el) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .concat(el.getAttributeNames().map((a) => el.getAttribute(a))),
      )
      .join('\n');
  });
  for (const secret of secrets.filter(Boolean)) {
    assert.ok(!page.url().includes(secret), 'the address holds a secret');
    assert.ok(!shown.includes(secret), 'the page shows a secret');
    assert.ok(!consoleLines.join('\n').includes(secret), 'the console holds a secret');
  }
}

/** Asserts that a replayed callback URL was refused as no_pending_login, stored nothing, and leaked nothing. */
async function assertReplayRefused(page, skip, secrets, logged) {
  const result = await outcome(page, skip);
  assert.deepEqual(result.heard, [{ type: 'aniapi-error', code: 'no_pending_login' }]);
  assert.equal(result.token, null);
  assert.equal(result.url, `${site.url}/callback.html`);
  await assertNoLeak(page, secrets, logged);
}

/** Signs in and returns the callback URL that carried the token, with the page on it. */
async function signedIn(page) {
  let callbackUrl;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().includes('#access_token=')) callbackUrl = frame.url();
  });
  await login(page);
  await page.waitForURL(`${site.url}/callback.html`);
  const result = await outcome(page);
  assert.deepEqual(result.heard, [{ type: 'aniapi-token', code: null }]);
  callbackUrl ??= await page.evaluate(() => performance.getEntriesByType('navigation')[0].name);
  const state = new URLSearchParams(new URL(callbackUrl).hash.slice(1)).get('state');
  return { callbackUrl, token: result.token, state };
}

describe('under a strict CSP with Trusted Types', () => {
  test('the whole login works and neither page records a violation', async () => {
    const page = await context.newPage();
    const blocked = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${site.url}/login.html`);
    await page.locator('aniapi-login').getByRole('button').waitFor();
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    const response = await page.request.get(`${site.url}/callback.html`);
    assert.match(
      response.headers()['content-security-policy'],
      /require-trusted-types-for 'script'; trusted-types 'none'/,
    );
    assert.equal(response.headers()['referrer-policy'], 'no-referrer');

    const { token } = await signedIn(page);
    assert.ok(token);
    const result = await outcome(page);
    assert.deepEqual(result.violations, []);
    assert.equal(result.url, `${site.url}/callback.html`);
    assert.deepEqual(blocked, []);
  });
});

describe('the callback page', () => {
  test('scrubs the fragment before its first paint (the module script is render-blocking)', async () => {
    await context.addInitScript(() => {
      const replaceState = History.prototype.replaceState;
      History.prototype.replaceState = function (state, unused, url) {
        if (window.scrubbedAt === undefined && !String(url).includes('#')) window.scrubbedAt = performance.now();
        return replaceState.call(this, state, unused, url);
      };
    });
    const page = await context.newPage();
    await signedIn(page);
    await page.waitForFunction(() => performance.getEntriesByName('first-paint').length > 0);
    const { scrubbedAt, firstPaint } = await page.evaluate(() => ({
      scrubbedAt: window.scrubbedAt,
      firstPaint: performance.getEntriesByName('first-paint')[0].startTime,
    }));
    assert.ok(scrubbedAt < firstPaint, `scrubbed at ${scrubbedAt} ms, first paint at ${firstPaint} ms`);
  });
});

describe('a callback page that stays', () => {
  // Proves the probe can fail, and records what no scrub can erase: the document that loaded the token keeps it.
  test('still holds the token after the scrub, in performance navigation and navigation.activation', async () => {
    const page = await context.newPage();
    const { token } = await signedIn(page);
    assert.equal(page.url(), `${site.url}/callback.html`);
    const probe = await page.evaluate(tokenProbe, token);
    assert.equal(probe.navigationApi, NAVIGATION_API.chromium);
    assert.deepEqual(apisHolding(probe), ['navigation.activation.entry.url', 'performance navigation']);
    for (const { value } of probe.found)
      assert.match(value, /^http:\/\/localhost:\d+\/callback\.html#access_token=<token>&/);
  });
});

describe('a used callback URL', () => {
  test('reloaded, shows the sign-in it made again and changes nothing', async () => {
    const page = await context.newPage();
    const logged = recordConsole(page);
    const { token, state } = await signedIn(page);
    await page.reload();
    const result = await outcome(page);
    // Not "Sign-in failed" for a user who is signed in: the tab remembers which page made its sign-in, by an id.
    assert.deepEqual(result.heard, [{ type: 'aniapi-token', code: null }]);
    assert.equal(result.url, `${site.url}/callback.html`);
    assert.equal(result.token, token);
    await assertNoLeak(page, [token, state], logged);
  });

  test('reloaded after a logout, reports no_response and stores nothing', async () => {
    const page = await context.newPage();
    const logged = recordConsole(page);
    const { token, state } = await signedIn(page);
    await page.evaluate(async () => (await import('/dist/aniapi-elements.min.js')).logout());
    await page.reload();
    const result = await outcome(page);
    assert.deepEqual(result.heard, [{ type: 'aniapi-error', code: 'no_response' }]);
    assert.equal(result.token, null);
    await assertNoLeak(page, [token, state], logged);
  });

  test('replayed in the same tab after logout, fails with no_pending_login and stores nothing', async () => {
    const page = await context.newPage();
    const logged = recordConsole(page);
    const { callbackUrl, token, state } = await signedIn(page);
    assert.match(callbackUrl, /#access_token=/);
    await page.evaluate(() => sessionStorage.clear());
    // Only the fragment differs from the page's URL: the browser stays in the same document.
    await page.goto(callbackUrl);
    await assertReplayRefused(page, 1, [token, state], logged);
  });

  test('pasted into a new tab, fails with no_pending_login, stores nothing, and leaves a clean address bar', async () => {
    const first = await context.newPage();
    const { callbackUrl, token, state } = await signedIn(first);
    const second = await context.newPage();
    const logged = recordConsole(second);
    await second.goto(callbackUrl);
    await assertReplayRefused(second, 0, [token, state], logged);
  });

  test('reached with Back and Forward, never shows the token and never reports twice', async () => {
    const page = await context.newPage();
    const logged = recordConsole(page);
    const { token, state } = await signedIn(page);
    await page.getByRole('link', { name: 'Elsewhere' }).click();
    await page.waitForURL(`${site.url}/login.html`);

    // Back onto the callback entry: loaded again (playwright keeps the back-forward cache off), it has no response,
    // and shows the sign-in its entry made, which the session still holds.
    await page.goBack();
    assert.equal(page.url(), `${site.url}/callback.html`);
    assert.deepEqual((await outcome(page)).heard, [{ type: 'aniapi-token', code: null }]);
    await assertNoLeak(page, [token, state], logged);

    const seen = [page.url()];
    while (await page.goBack()) seen.push(page.url());
    while (await page.goForward()) seen.push(page.url());
    assert.ok(seen.length >= 3, seen.join(' '));
    for (const url of seen) assert.ok(!url.includes('#') && !url.includes(token), url);
  });

  test('restored from the back-forward cache, is not processed again and shows no token', async () => {
    const cached = await launchChromium({ backForwardCache: true });
    try {
      const own = await cached.newContext();
      await own.addInitScript(() => {
        window.shows = [];
        window.addEventListener('pageshow', (e) => window.shows.push(e.persisted));
      });
      const page = await own.newPage();
      const { token } = await signedIn(page);
      await page.getByRole('link', { name: 'Elsewhere' }).click();
      await page.waitForURL(`${site.url}/login.html`);
      // A restored page fires no load event, so wait only for the navigation.
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForFunction(() => window.shows?.at(-1) === true);
      await page.waitForTimeout(200);
      const restored = await page.evaluate(() => ({
        heard: window.heard,
        url: location.href,
        text: document.querySelector('aniapi-callback').shadowRoot.textContent,
      }));
      assert.deepEqual(restored.heard, [{ type: 'aniapi-token', code: null }], 'reported again');
      assert.equal(restored.url, `${site.url}/callback.html`);
      assert.ok(!restored.text.includes(token) && !(await page.content()).includes(token));
    } finally {
      await cached.close();
    }
  });
});

describe('a login begun in another tab', () => {
  test('cannot be completed here: no_pending_login, nothing stored, and the other tab keeps its login', async () => {
    const first = await context.newPage();
    let callbackUrl;
    await login(first, { intercept: (url) => (callbackUrl = url) });
    await first.getByRole('alert').filter({ hasText: 'held by the test' }).waitFor();
    assert.match(callbackUrl, /#access_token=.+&state=/);

    const second = await context.newPage();
    const logged = recordConsole(second);
    await second.goto(callbackUrl);
    const params = new URLSearchParams(new URL(callbackUrl).hash.slice(1));
    await assertReplayRefused(second, 0, [params.get('access_token'), params.get('state')], logged);

    await first.goto(callbackUrl);
    assert.deepEqual((await outcome(first)).heard, [{ type: 'aniapi-token', code: null }]);
  });
});
