// Popup sign-in and the hand-back across tabs, as a person meets them: the demo
// in popup mode, AniAPI's login page on the stand-in in a real popup or a real
// second tab, and the callback page handing the response back.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { launchChromium, signIn, storage, TOKEN_KEY, withDemo } from './browser.mjs';
import { assertTokenGone, tokenProbe } from './token-probe.mjs';

const EVENTS = ['aniapi-login', 'aniapi-token', 'aniapi-error', 'aniapi-logout', 'aniapi-handed-back'];

const run = withDemo();

beforeEach(async () => {
  // Every page records the package's events (type, and the error code or the detail without the token)
  // and a marker that a reload or a navigation would lose.
  await run.context.addInitScript((types) => {
    window.heard = [];
    window.marker = Math.random();
    for (const type of types) {
      document.addEventListener(type, (event) => {
        const { accessToken, ...rest } = event.detail ?? {};
        window.heard.push({ type, ...rest, ...(accessToken ? { token: true } : {}) });
      });
    }
  }, EVENTS);
});

/** Opens the demo in popup mode with the given store. */
async function openDemo(page, store = 'session') {
  await page.goto(`${run.demo.url}/`);
  await page.locator('input[name=mode][value=popup]').check();
  await page.locator(`input[name=store][value=${store}]`).check();
  return page.evaluate(() => window.marker);
}

/** Clicks the login button and returns the popup it opens, once on AniAPI's login page. */
async function clickLogin(page) {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click(),
  ]);
  await popup.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
  return popup;
}

const heard = (page) => page.evaluate(() => window.heard);
const pendingKeys = (store) => Object.keys(store).filter((key) => key.startsWith('aniapi-elements.pending.'));

async function waitForHeard(page, type) {
  await page.waitForFunction((type) => window.heard.some((event) => event.type === type), type);
  return heard(page);
}

describe('popup sign-in', () => {
  test('signs in through a real popup that closes itself; the page neither reloads nor leaves', async () => {
    const page = await run.context.newPage();
    const marker = await openDemo(page);
    const navigations = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    const popup = await clickLogin(page);
    assert.equal(await page.locator('aniapi-login').evaluate((el) => el.matches(':state(redirecting)')), true);
    // The popup got no copy of the pending login: only the page that waits for it can complete it.
    assert.deepEqual(pendingKeys((await storage(page)).session).length, 1);
    const closed = popup.waitForEvent('close');
    await signIn(popup);
    await closed;

    await page.locator('aniapi-user').locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
    assert.deepEqual(
      (await heard(page)).map(({ type, code, returnTo }) => ({ type, code, returnTo })),
      [
        { type: 'aniapi-login', code: undefined, returnTo: undefined },
        { type: 'aniapi-token', code: undefined, returnTo: null },
      ],
    );
    assert.equal(await page.evaluate(() => window.marker), marker);
    assert.deepEqual(navigations, []);
    assert.equal(page.url(), `${run.demo.url}/`);
    const { session, local } = await storage(page);
    assert.match(session[TOKEN_KEY], /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(local[TOKEN_KEY], undefined);
    assert.deepEqual(pendingKeys(session), []);
    assert.equal(await page.locator('aniapi-login').evaluate((el) => el.matches(':state(redirecting)')), false);
    // The response was loaded only by the popup's document, gone with it: the page signed in holds it nowhere.
    assertTokenGone(
      await page.evaluate(tokenProbe, session[TOKEN_KEY]),
      'chromium',
      'the opener signed in through the popup',
    );
  });

  test('keeps the token where the button says: store="local"', async () => {
    const page = await run.context.newPage();
    await openDemo(page, 'local');
    const popup = await clickLogin(page);
    await signIn(popup);
    await page.locator('aniapi-user').locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
    const { session, local } = await storage(page);
    assert.ok(local[TOKEN_KEY]);
    assert.equal(session[TOKEN_KEY], undefined);
  });

  test('reports popup_closed when the user closes the popup, and drops the pending login', async () => {
    const page = await run.context.newPage();
    await openDemo(page);
    const popup = await clickLogin(page);
    await popup.close();
    const events = await waitForHeard(page, 'aniapi-error');
    assert.deepEqual(events.at(-1).code, 'popup_closed');
    await page.locator('#message').filter({ hasText: 'closed' }).waitFor();
    const { session } = await storage(page);
    assert.deepEqual(pendingKeys(session), []);
    assert.equal(session[TOKEN_KEY], undefined);
    assert.equal(await page.locator('aniapi-login').evaluate((el) => el.matches(':state(error)')), true);
    // The button works again.
    const again = await clickLogin(page);
    assert.ok(!again.isClosed());
  });

  test('reports popup_timeout and closes the popup when no response comes in time', async () => {
    const page = await run.context.newPage();
    await openDemo(page);
    await page.locator('aniapi-login').evaluate((el) => el.setAttribute('popup-timeout', '1'));
    // Not clickLogin(): on a loaded machine the popup may time out before AniAPI's page has loaded in it.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click(),
    ]);
    const closed = popup.isClosed() ? Promise.resolve() : popup.waitForEvent('close');
    const events = await waitForHeard(page, 'aniapi-error');
    assert.equal(events.at(-1).code, 'popup_timeout');
    await closed;
    assert.deepEqual(pendingKeys((await storage(page)).session), []);
  });

  test('a response for the timed-out login, finished anyway, no longer signs anyone in', async () => {
    const page = await run.context.newPage();
    await openDemo(page);
    await page.locator('aniapi-login').evaluate((el) => el.setAttribute('popup-timeout', '2'));
    const popup = await clickLogin(page);
    const url = popup.url();
    await waitForHeard(page, 'aniapi-error');
    const late = await run.context.newPage();
    await late.goto(url);
    await signIn(late);
    await late.waitForURL(`${run.demo.url}/callback.html`);
    await late.getByText('Sign-in failed.').waitFor();
    assert.equal(await late.locator('aniapi-callback').evaluate((el) => el.result.error.code), 'no_pending_login');
    assert.equal((await storage(page)).session[TOKEN_KEY], undefined);
  });
});

describe('popup blocker', () => {
  /**
   * Opens the demo in a Chromium whose popup blocker is on, in popup mode (chosen without a click or
   * page.evaluate: either gives the page the user activation that lets a popup through), and runs `act`
   * with the page, the popups it opened and `withoutGesture(expression)`. That evaluates `expression` over the
   * DevTools protocol, which, unlike page.evaluate and locators, carries no user gesture.
   */
  async function withPopupBlocker(act) {
    const blocking = await launchChromium({ popupBlocking: true });
    try {
      const own = await blocking.newContext();
      await own.addInitScript((types) => {
        window.heard = [];
        for (const type of types)
          document.addEventListener(type, (event) => window.heard.push({ type, code: event.detail?.code }));
      }, EVENTS);
      await own.addInitScript(() => localStorage.setItem('aniapi-demo.mode', 'popup'));
      const page = await own.newPage();
      await page.goto(`${run.demo.url}/`);
      const popups = [];
      page.on('popup', (popup) => popups.push(popup));
      const cdp = await own.newCDPSession(page);
      const withoutGesture = async (expression) =>
        (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value;
      await act({ page, popups, withoutGesture });
      await own.close();
    } finally {
      await blocking.close();
    }
  }

  test('a login started without a click is blocked: popup_blocked, no pending login, no navigation', async () => {
    await withPopupBlocker(async ({ page, popups, withoutGesture }) => {
      // From a timer, once the demo is ready.
      await withoutGesture(`new Promise((resolve) => {
        const start = () => document.querySelector('aniapi-login').mode === 'popup' ? resolve(document.querySelector('aniapi-login').login()) : setTimeout(start, 50);
        setTimeout(start);
      })`);
      assert.deepEqual(await heard(page), [{ type: 'aniapi-error', code: 'popup_blocked' }]);
      assert.deepEqual(popups, []);
      assert.deepEqual(pendingKeys((await storage(page)).session), []);
      assert.equal(page.url(), `${run.demo.url}/`);
      await page.locator('#message').filter({ hasText: 'blocked' }).waitFor();
    });
  });

  test('signInWithPopup() called without a user gesture rejects with popup_blocked, recording no login', async () => {
    await withPopupBlocker(async ({ page, popups, withoutGesture }) => {
      const outcome = await withoutGesture(`(async () => {
        const { signInWithPopup } = await import('/dist/aniapi-elements-popup.min.js');
        const { clientId, redirectUri, authorizeUrl } = await (await fetch('/config.json')).json();
        // A popup let through would wait 5 seconds, not 10 minutes, and the test would fail with popup_timeout.
        const options = { clientId, redirectUri, authorizeUrl, timeout: 5 };
        return signInWithPopup(options).then(() => 'signed in', (error) => error.code);
      })()`);
      assert.equal(outcome, 'popup_blocked');
      assert.deepEqual(popups, []);
      assert.deepEqual(pendingKeys((await storage(page)).session), []);
      assert.equal((await storage(page)).session[TOKEN_KEY], undefined);
    });
  });
});

describe('signInWithPopup()', () => {
  test('resolves with the session through a real popup that closes itself; the page neither reloads nor leaves', async () => {
    const page = await run.context.newPage();
    await page.goto(`${run.demo.url}/`);
    const marker = await page.evaluate(async () => {
      // Ready before the click, so that the call opens its popup at once.
      const { signInWithPopup, getSession } = await import('/dist/aniapi-elements-popup.min.js');
      const { clientId, redirectUri, authorizeUrl } = await (await fetch('/config.json')).json();
      window.signIn = () =>
        signInWithPopup({ clientId, redirectUri, authorizeUrl, store: 'local' }).then(
          (session) => ({ session, same: JSON.stringify(session) === JSON.stringify(getSession()) }),
          (error) => ({ code: error.code }),
        );
      return window.marker;
    });
    const navigations = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

    const [popup, outcome] = await Promise.all([
      page.waitForEvent('popup'),
      // page.evaluate carries a user gesture, as a click would.
      page.evaluate(() => {
        window.outcome = window.signIn();
      }),
    ]);
    await popup.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
    assert.equal(outcome, undefined);
    const closed = popup.waitForEvent('close');
    await signIn(popup);
    await closed;

    const { session, same, code } = await page.evaluate(() => window.outcome);
    assert.equal(code, undefined);
    assert.equal(same, true);
    assert.equal(session.userId, '1');
    assert.equal(session.issuer, run.demo.standin.url);
    const { local, session: tab } = await storage(page);
    assert.equal(local[TOKEN_KEY], session.accessToken);
    assert.equal(tab[TOKEN_KEY], undefined);
    assert.deepEqual(pendingKeys(tab), []);
    // Signed in where the page stands: no reload, no navigation.
    assert.equal(await page.evaluate(() => window.marker), marker);
    assert.deepEqual(navigations, []);
    await page.locator('aniapi-user').locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
  });
});

describe('hand-back across tabs', () => {
  for (const channel of ['BroadcastChannel', 'storage events']) {
    test(`a login finished in a new tab reaches the tab that started it (${channel})`, async () => {
      if (channel === 'storage events') await run.context.addInitScript(() => delete window.BroadcastChannel);
      const page = await run.context.newPage();
      await openDemo(page);
      const popup = await clickLogin(page);
      const popupClosed = popup.waitForEvent('close');

      // The user copies the popup's address into a new tab and finishes there.
      const tab = await run.context.newPage();
      await tab.goto(popup.url());
      await signIn(tab);
      await tab.waitForURL(`${run.demo.url}/callback.html`);
      await tab.getByText('Signed in, in the window where you started.').waitFor();

      await page.locator('aniapi-user').locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
      assert.deepEqual(
        (await heard(page)).map(({ type }) => type),
        ['aniapi-login', 'aniapi-token'],
      );
      assert.ok((await storage(page)).session[TOKEN_KEY]);
      // The starting page closes its own popup, left on AniAPI's page.
      await popupClosed;

      // The callback tab says so and keeps nothing: no token, no response in its address bar or history.
      assert.deepEqual(await heard(tab), [{ type: 'aniapi-handed-back', popup: false }]);
      assert.equal(tab.url(), `${run.demo.url}/callback.html`);
      const { session, local } = await storage(tab);
      assert.equal(session[TOKEN_KEY], undefined);
      assert.equal(local[TOKEN_KEY], undefined);
      // The relay left nothing behind; the end of the used login is written down by its state, and holds a time only.
      const left = Object.keys(local).filter((key) => key.startsWith('aniapi-elements.'));
      assert.deepEqual(
        left.filter((key) => !key.startsWith('aniapi-elements.ended.login:')),
        [],
      );
      for (const key of left) assert.match(local[key], /^\d+$/);
      assert.equal(JSON.stringify(await tab.evaluate(() => history.state)).includes('access_token'), false);
      assert.equal(await tab.locator('aniapi-callback').evaluate((el) => el.result), null);
    });
  }

  test('a callback that no tab claims is checked in its own tab, after a short wait: no_pending_login', async () => {
    const page = await run.context.newPage();
    await openDemo(page);
    const popup = await clickLogin(page);
    const url = popup.url();
    // The starting tab is gone: nobody waits for this login any more.
    await page.close();
    const tab = await run.context.newPage();
    await tab.goto(url);
    await signIn(tab);
    await tab.waitForURL(`${run.demo.url}/callback.html`);
    await tab.getByText('Sign-in failed.').waitFor();
    assert.deepEqual(
      (await heard(tab)).map(({ type, code }) => ({ type, code })),
      [{ type: 'aniapi-error', code: 'no_pending_login' }],
    );
  });
});
