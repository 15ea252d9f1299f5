// The whole login, as a person does it: the demo, AniAPI's login page on the
// stand-in, the callback, and back, in Debian's Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemo } from '../../demo/server/demo-server.mjs';
import { DEMO_EMAIL, startStandin } from '../../dist/standin/index.js';
import { recordRequests, signIn, storage, withDemo } from './browser.mjs';
import { assertTokenGone, tokenProbe } from './token-probe.mjs';

const run = withDemo();

/** Opens the demo, clicks the login button and waits for the stand-in's login page. */
async function openLogin(page, store = 'session') {
  await page.goto(`${run.demo.url}/`);
  await page.locator(`input[name=store][value=${store}]`).check();
  await page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click();
  await page.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
}

describe('the demo login', () => {
  test('goes round trip: wrong password, right password, callback, back signed in with the name shown', async () => {
    const page = await run.context.newPage();
    await openLogin(page);
    assert.equal(await page.getByRole('heading').textContent(), "AniAPI Elements demo's authentication");
    assert.match(await page.locator('.demo').textContent(), /demo@aniapi\.test/);

    await signIn(page, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Credentials are not valid' }).waitFor();
    assert.match(page.url(), /\/v1\/oauth\?/);

    await signIn(page);
    await page.waitForURL(`${run.demo.url}/`);
    // <aniapi-user> asked the stand-in with the new token and shows the answer.
    const card = page.locator('aniapi-user');
    await card.locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
    assert.equal(await page.locator('#signed-in').isVisible(), true);
    assert.equal(await card.evaluate((element) => element.matches(':state(signed-in)')), true);
    assert.match(await card.locator('[part=avatar]').getAttribute('src'), /^data:image\/svg\+xml,/);
    assert.equal(await card.locator('[part=avatar]').isVisible(), true);
    assert.equal(await card.locator('#email').textContent(), DEMO_EMAIL);
    // No failure on the way: the card's first fetch went to the stand-in, not to the default AniAPI.
    assert.equal(await page.locator('#message').textContent(), '');
    const { session } = await storage(page);
    assert.match(session['aniapi-elements.token'], /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('leaves the token in no URL: no API of the page signed in, address bar after load, Back and Forward, and no request or Referer', async () => {
    const recorded = recordRequests(run.context);
    const page = await run.context.newPage();
    await openLogin(page);
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/`);
    await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    const token = (await storage(page)).session['aniapi-elements.token'];
    assert.ok(token);
    // The callback page's auto-return loaded this page afresh: nothing of the callback document lives on here.
    assertTokenGone(await page.evaluate(tokenProbe, token), 'chromium', 'the demo signed in');

    const seen = [page.url()];
    while (await page.goBack()) seen.push(page.url());
    while (await page.goForward()) seen.push(page.url());
    assert.ok(seen.length >= 3, `history: ${seen.join(' ')}`);
    for (const url of seen) {
      assert.ok(!url.includes('#'), `a fragment in the address bar: ${url}`);
      assert.ok(!url.includes(token) && !url.includes('access_token'), `the token in the address bar: ${url}`);
    }
    const requests = await recorded.seen();
    const callbackLoads = requests.filter((r) => r.url.startsWith(`${run.demo.url}/callback.html`));
    assert.ok(callbackLoads.length >= 1);
    for (const { url, referer } of requests) {
      assert.ok(!url.includes('#') && !url.includes(token) && !url.includes('access_token'), `a request to ${url}`);
      assert.ok(!referer?.includes(token) && !referer?.includes('access_token'), `a Referer of ${referer}`);
      if (url.startsWith(run.demo.url) || url.startsWith(run.demo.standin.url))
        assert.equal(referer, null, `a Referer on ${url}`);
    }
  });

  test('has the pre-scrub take the response off the callback page before any module of the page runs', async () => {
    const page = await run.context.newPage();
    // In the document loaded with the response: its address once parsed, when readyState turns
    // "interactive", just before its module scripts run. Only the pre-scrub can have scrubbed it by then.
    await page.addInitScript(() => {
      if (!location.hash.includes('access_token=')) return;
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        window.__addressBeforeModules = {
          url: location.href.replace(/#.*/s, '#<fragment>'),
          elementsDefined: customElements.get('aniapi-callback') !== undefined,
        };
      });
    });
    await openLogin(page);
    // Hold the callback page's auto-return, to look at the page.
    let onReturn;
    const returned = new Promise((resolve) => (onReturn = resolve));
    await page.route(`${run.demo.url}/`, (route) => {
      onReturn();
      return route.abort('aborted');
    });
    await signIn(page);
    await returned;
    assert.equal(page.url(), `${run.demo.url}/callback.html`);
    assert.deepEqual(await page.evaluate(() => window.__addressBeforeModules), {
      url: `${run.demo.url}/callback.html`,
      elementsDefined: false,
    });
  });

  test('is refused by the stand-in for a redirect URI one character off', async () => {
    const page = await run.context.newPage();
    await page.goto(`${run.demo.url}/`);
    await page.locator('aniapi-login').evaluate((element) => {
      element.redirectUri = element.redirectUri.replace(/\.html$/, '.htm');
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${run.demo.standin.url}/v1/oauth?`)),
      page.locator('aniapi-login').getByRole('button').click(),
    ]);
    assert.equal(response.status(), 403);
    assert.equal((await response.json()).status_code, 403);
  });

  test('ends in state_mismatch, nothing stored, when the state is changed on the way back', async () => {
    const page = await run.context.newPage();
    await page.route(`${run.demo.standin.url}/v1/oauth?**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const envelope = await response.json();
      envelope.data = envelope.data.replace(/state=([\w-])/, (_, first) => `state=${first === 'A' ? 'B' : 'A'}`);
      await route.fulfill({ response, json: envelope });
    });
    await openLogin(page);
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/callback.html`);
    const status = page.locator('aniapi-callback').locator('[part=status]');
    await status.filter({ hasText: 'Sign-in failed.' }).waitFor();
    assert.equal(await page.locator('aniapi-callback').evaluate((el) => el.result.error.code), 'state_mismatch');
    const { session, local } = await storage(page);
    assert.equal(session['aniapi-elements.token'], undefined);
    assert.equal(local['aniapi-elements.token'], undefined);
    assert.equal(page.url(), `${run.demo.url}/callback.html`);
  });

  test('signs out every tab sharing store="local" when one signs out', async () => {
    const first = await run.context.newPage();
    await openLogin(first, 'local');
    await signIn(first);
    await first.waitForURL(`${run.demo.url}/`);
    await first.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    assert.ok((await storage(first)).local['aniapi-elements.token']);

    const second = await run.context.newPage();
    await second.goto(`${run.demo.url}/`);
    await second.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    const heard = second.evaluate(
      () =>
        new Promise((resolve) =>
          document
            .querySelector('aniapi-login')
            .addEventListener('aniapi-logout', (e) => resolve(e.detail), { once: true }),
        ),
    );
    await first.getByRole('button', { name: 'Log out' }).click();
    assert.deepEqual(await heard, { reason: 'logout' });
    await second.locator('#signed-out').waitFor();
    assert.equal(await second.locator('#signed-in').isVisible(), false);
  });
});

describe('fetchUser', () => {
  test('logs out when the token has expired', async () => {
    const page = await run.context.newPage();
    await page.goto(`${run.demo.url}/`);
    // Long enough that the first request (and the page's card's) meets a live token: exp is in whole seconds.
    const token = await run.demo.standin.issueToken(1, { lifetime: 3 });
    const outcome = await page.evaluate(
      async ({ token, apiBase }) => {
        // Two single files of the package, sharing the one session of the page.
        const { setToken, onChange, getToken } = await import('/dist/aniapi-elements.min.js');
        const { fetchUser } = await import('/dist/aniapi-user.min.js');
        const { expiresAt } = setToken(token);
        const first = (await fetchUser({ apiBase }))?.username;
        // The page's elements may notice the expiry first, at exp: either way, once.
        const reasons = [];
        onChange((_session, reason) => reasons.push(reason));
        await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 100));
        const second = await fetchUser({ apiBase });
        return {
          first,
          second,
          reasons,
          token: getToken(),
          stored: JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null,
        };
      },
      { token, apiBase: run.demo.standin.url },
    );
    assert.deepEqual(outcome, { first: 'demo', second: null, reasons: ['expired'], token: null, stored: null });
  });

  test('logs out on a 401 from AniAPI, and the demo says so', async () => {
    const other = await startStandin();
    try {
      const foreign = await other.issueToken(1);
      const page = await run.context.newPage();
      // The token goes in from a page of the demo's origin that runs no script: on the demo
      // page itself, a card still starting up could meet it, and the 401, before the reload.
      await page.goto(`${run.demo.url}/config.json`);
      await page.evaluate(
        (token) =>
          sessionStorage.setItem(
            'aniapi-elements.token',
            JSON.stringify({ accessToken: token, issuer: null, id: 'foreign' }),
          ),
        foreign,
      );
      await page.goto(`${run.demo.url}/`);
      await page.locator('#message').filter({ hasText: 'Signed out (unauthorized).' }).waitFor();
      assert.equal(await page.locator('#signed-out').isVisible(), true);
      assert.equal((await storage(page)).session['aniapi-elements.token'], undefined);
    } finally {
      await other.close();
    }
  });
});

describe('expiry in the demo', () => {
  let shortLived;
  before(async () => {
    // Long enough for the round trip on a busy machine, short enough to wait for.
    shortLived = await startDemo({ port: 0, standinPort: 0, standin: { tokenLifetime: 10 } });
  });
  after(() => shortLived?.close());

  test('says when the session ends, then signs out at expiry with no reload', async () => {
    const page = await run.context.newPage();
    await page.goto(`${shortLived.url}/`);
    await page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click();
    await page.waitForURL(`${shortLived.standin.url}/v1/oauth?**`);
    await signIn(page);
    await page.waitForURL(`${shortLived.url}/`);
    await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    // Under a minute is left from the start, so the warning comes at once.
    await page
      .locator('#message')
      .filter({ hasText: /^Your session ends at / })
      .waitFor();
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.locator('#message').filter({ hasText: 'Signed out (expired).' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#signed-out').isVisible(), true);
    assert.equal(await page.locator('aniapi-login').getAttribute('signed-in'), null);
    assert.equal((await storage(page)).session['aniapi-elements.token'], undefined);
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads);
  });
});
