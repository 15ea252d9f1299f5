import { expect } from '@open-wc/testing';
import { signInWithPopup } from '../../../src/popup.js';
import type { PopupLoginOptions } from '../../../src/popup.js';
import type { AniapiError } from '../../../src/oauth/errors.js';
import { getSession, getToken, logout, onChange } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, rejection, startLogin, storedToken } from '../helpers.js';
import {
  CLAIM,
  offerFromAnotherTab,
  opened,
  pending,
  PopupWindow,
  restoreOpen,
  stateOf,
  stubOpen,
} from './popup-harness.js';

// signInWithPopup() as an app calls it from its own click handler. The popup's
// window and the other tab are played as in popup.test.ts; a real popup, the
// stand-in's login page and the real popup blocker are in test/e2e/popup.test.mjs.

const OPTIONS = {
  clientId: 'c0ffee00-0000-4000-8000-000000000001',
  redirectUri: `${location.origin}/callback`,
  authorizeUrl: 'https://aniapi.test/v1/oauth',
};

describe('signInWithPopup() (aniapi-elements/popup)', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(restoreOpen);
  after(clearStorage);

  it('opens the popup in the call, then resolves with the session as getSession() gives it', async () => {
    const popup = stubOpen(new PopupWindow());
    const signedIn = signInWithPopup(OPTIONS);
    // Before the call returned: the popup opened empty, then went to AniAPI with the login's own state.
    expect(opened.map(({ url }) => url)).to.deep.equal(['']);
    expect(popup.url).to.match(
      /^https:\/\/aniapi\.test\/v1\/oauth\?response_type=token&client_id=c0ffee00-0000-4000-8000-000000000001&redirect_uri=/,
    );
    const state = stateOf(popup.url);
    expect(pending()).to.deep.equal([`aniapi-elements.pending.${state}`]);

    const token = aniapiToken();
    const claim = await offerFromAnotherTab(`#access_token=${token}&token_type=Bearer&state=${state}`);
    const session = await signedIn;
    expect(claim).to.deep.equal({ type: CLAIM, state, ok: true });
    expect(session).to.deep.equal(getSession());
    expect(session).to.deep.include({ accessToken: token, userId: '42', issuer: 'https://aniapi.test' });
    expect(storedToken(sessionStorage)).to.equal(token);
    expect(storedToken(localStorage)).to.equal(null);
    expect(pending()).to.deep.equal([]);
    expect(popup.closed).to.equal(true);
  });

  for (const store of ['local', 'memory'] as const) {
    it(`keeps the token where store says: ${store}`, async () => {
      const popup = stubOpen(new PopupWindow());
      const signedIn = signInWithPopup({ ...OPTIONS, store });
      const token = aniapiToken();
      await offerFromAnotherTab(`#access_token=${token}&state=${stateOf(popup.url)}`);
      expect((await signedIn).accessToken).to.equal(token);
      expect(getToken()).to.equal(token);
      expect(storedToken(localStorage)).to.equal(store === 'local' ? token : null);
      expect(storedToken(sessionStorage)).to.equal(null);
    });
  }

  it('rejects with the response failure, provider_error, and keeps nothing', async () => {
    const popup = stubOpen(new PopupWindow());
    // Heard from the start: the promise rejects as soon as the response is checked.
    const failed = rejection<AniapiError>(signInWithPopup(OPTIONS));
    const state = stateOf(popup.url);
    const claim = await offerFromAnotherTab(`#error=access_denied&error_description=No+thanks&state=${state}`);
    const error = await failed;
    expect(claim).to.deep.equal({ type: CLAIM, state, ok: false });
    expect(error.name).to.equal('AniapiError');
    expect(error.detail).to.deep.equal({
      code: 'provider_error',
      message: 'AniAPI did not sign you in (access_denied): No thanks.',
      error: 'access_denied',
      errorDescription: 'No thanks',
    });
    expect(getToken()).to.equal(null);
    expect(pending()).to.deep.equal([]);
    expect(popup.closed).to.equal(true);
  });

  it('rejects with state_mismatch when its login was dropped while another waits, naming no state', async () => {
    const popup = stubOpen(new PopupWindow());
    const failed = rejection<AniapiError>(signInWithPopup(OPTIONS));
    const state = stateOf(popup.url);
    // Another login of this tab waits, and this one's record is gone (cleared by another script of the page).
    startLogin();
    sessionStorage.removeItem(`aniapi-elements.pending.${state}`);
    await offerFromAnotherTab(`#access_token=${aniapiToken()}&state=${state}`);
    const error = await failed;
    expect(error.code).to.equal('state_mismatch');
    expect(error.message).not.to.contain(state);
    expect(getToken()).to.equal(null);
    expect(popup.closed).to.equal(true);
  });

  it('rejects with token_expired when the new session ends at once: a session listener signs out on hearing of it', async () => {
    const popup = stubOpen(new PopupWindow());
    const stop = onChange((session) => session && logout());
    try {
      const failed = rejection<AniapiError>(signInWithPopup(OPTIONS));
      await offerFromAnotherTab(`#access_token=${aniapiToken()}&state=${stateOf(popup.url)}`);
      expect((await failed).code).to.equal('token_expired');
      expect(getToken()).to.equal(null);
    } finally {
      stop();
    }
  });

  it('rejects with popup_closed when the user closes the popup, and drops the pending login', async () => {
    const popup = stubOpen(new PopupWindow());
    const signedIn = signInWithPopup(OPTIONS);
    popup.closed = true;
    const error = await rejection<AniapiError>(signedIn);
    expect(error.code).to.equal('popup_closed');
    expect(pending()).to.deep.equal([]);
  });

  it('rejects with popup_timeout after timeout seconds, closing the popup', async () => {
    const popup = stubOpen(new PopupWindow());
    const started = performance.now();
    const error = await rejection<AniapiError>(signInWithPopup({ ...OPTIONS, timeout: 0.3 }));
    expect(error.code).to.equal('popup_timeout');
    expect(performance.now() - started).to.be.greaterThan(250);
    expect(popup.closed).to.equal(true);
    expect(pending()).to.deep.equal([]);
  });

  it('rejects with popup_blocked when the browser gives no window, recording no login', async () => {
    stubOpen(null);
    const error = await rejection<AniapiError>(signInWithPopup(OPTIONS));
    expect(error.code).to.equal('popup_blocked');
    expect(pending()).to.deep.equal([]);
  });

  it('rejects with unsupported and closes the popup when the login cannot be recorded', async () => {
    const popup = stubOpen(new PopupWindow());
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const signedIn = (() => {
      try {
        return signInWithPopup(OPTIONS);
      } finally {
        Storage.prototype.setItem = setItem;
      }
    })();
    expect((await rejection<AniapiError>(signedIn)).code).to.equal('unsupported');
    expect(popup.closed).to.equal(true);
    expect(popup.url).to.equal('');
    expect(pending()).to.deep.equal([]);
  });

  // Called outside a click, tap or key press, the browser's popup blocker gives no window. The test runner turns
  // Chromium's and Firefox's blockers off (the end-to-end test turns Chromium's back on); WebKit's stays on.
  it('is blocked outside a user gesture: popup_blocked, no login recorded', async function () {
    if (!/AppleWebKit/.test(navigator.userAgent) || /Chrome/.test(navigator.userAgent)) this.skip();
    // From a timer, which carries no user gesture; wrapped, so that the outer promise does not adopt it.
    const { signedIn } = await new Promise<{ signedIn: Promise<unknown> }>((resolve) =>
      setTimeout(() => resolve({ signedIn: signInWithPopup(OPTIONS) })),
    );
    expect((await rejection<AniapiError>(signedIn)).code).to.equal('popup_blocked');
    expect(pending()).to.deep.equal([]);
  });

  const refused: [string, unknown, RegExp][] = [
    ['no options at all', undefined, /options/],
    ['null', null, /options/],
    ['no clientId', { ...OPTIONS, clientId: undefined }, /client-id/],
    ['a clientId that is no string', { ...OPTIONS, clientId: 42 }, /clientId must be a string/],
    ['no redirectUri', { ...OPTIONS, redirectUri: '' }, /redirect-uri/],
    ['a relative redirectUri', { ...OPTIONS, redirectUri: '/callback' }, /redirect-uri/],
    // The test server is on localhost: a callback page on 127.0.0.1 could never find the pending login.
    [
      'a redirectUri on another origin',
      { ...OPTIONS, redirectUri: `http://127.0.0.1:${location.port}/callback` },
      /redirect-uri is on http:\/\/127\.0\.0\.1/,
    ],
    // No default server: without one the popup would open on a stranger's domain.
    ['no authorizeUrl', { clientId: OPTIONS.clientId, redirectUri: OPTIONS.redirectUri }, /authorize-url/],
    [
      'a plain-http authorizeUrl off localhost',
      { ...OPTIONS, authorizeUrl: 'http://aniapi.test/v1/oauth' },
      /authorize-url/,
    ],
    [
      'an authorizeUrl that is a URL object',
      { ...OPTIONS, authorizeUrl: new URL('https://aniapi.test/v1/oauth') },
      /authorizeUrl must be a string/,
    ],
    ['a returnTo on another site', { ...OPTIONS, returnTo: '//evil.test' }, /return-to/],
    ['store=cookie', { ...OPTIONS, store: 'cookie' }, /store/],
    ['store=null', { ...OPTIONS, store: null }, /store/],
    ['timeout=0', { ...OPTIONS, timeout: 0 }, /timeout/],
    ['timeout=NaN', { ...OPTIONS, timeout: Number.NaN }, /timeout/],
    ['a misspelt option', { ...OPTIONS, redirectURI: OPTIONS.redirectUri }, /no option redirectURI/],
  ];
  for (const [what, options, message] of refused) {
    it(`rejects ${what} with invalid_config before opening anything`, async () => {
      stubOpen(new PopupWindow());
      const error = await rejection<AniapiError>(signInWithPopup(options as PopupLoginOptions));
      expect(error.code).to.equal('invalid_config');
      expect(error.message).to.match(message);
      expect(opened).to.deep.equal([]);
      expect(pending()).to.deep.equal([]);
    });
  }
});
