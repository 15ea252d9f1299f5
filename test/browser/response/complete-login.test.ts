import { expect } from '@open-wc/testing';
import { completeLogin } from '../../../src/response/complete-login.js';
import { beginLogin } from '../../../src/oauth/begin-login.js';
import type { AniapiErrorCode } from '../../../src/elements/events.js';
import { AniapiError } from '../../../src/oauth/errors.js';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import type { TokenStore } from '../../../src/token/token-store.js';
import {
  aniapiToken,
  clearStorage,
  fillLocalStorage,
  jwt,
  keysOf,
  pageAt,
  pageOn,
  CALLBACK_URL,
  startLogin,
  storedToken,
  TOKEN_KEY,
} from '../helpers.js';

const SETTLED_KEY = 'aniapi-elements.settled';
const LAST_KEY = 'aniapi-elements.last-login';

/** Runs completeLogin and returns the failure it must end in. */
function failure(fragment: string, now = Date.now(), store: TokenStore = 'session'): AniapiError {
  try {
    completeLogin(fragment, store, pageAt(now));
  } catch (error) {
    if (error instanceof AniapiError) return error;
    throw error;
  }
  throw new Error('completeLogin did not fail');
}

function expectFailure(fragment: string, code: AniapiErrorCode, now?: number, keepToken = false): AniapiError {
  const error = failure(fragment, now);
  expect(error.code, error.message).to.equal(code);
  expect(error.message).not.to.contain(fragment.replace(/^#/, '').slice(0, 20) || '\u0000');
  const state = new URLSearchParams(fragment.replace(/^#/, '')).get('state');
  if (state) expect(JSON.stringify(error.detail)).not.to.contain(state);
  if (!keepToken) expect(storedToken(sessionStorage)).to.equal(null);
  expect(storedToken(localStorage)).to.equal(null);
  return error;
}

describe('completeLogin', () => {
  beforeEach(clearStorage);
  after(clearStorage);

  it('completes an AniAPI response: the token, its expiry and the way back', () => {
    const state = startLogin({ returnTo: '/list?sort=score#top' });
    const token = aniapiToken();
    const exp = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp;
    const detail = completeLogin(`#access_token=${token}&state=${state}`, 'session', pageAt());
    expect(detail).to.deep.equal({ accessToken: token, expiresAt: exp * 1000, returnTo: '/list?sort=score#top' });
    expect(storedToken(sessionStorage)).to.equal(token);
    // Beside the token: the settled state (worthless now, used once) and the login's configuration, no token.
    expect(keysOf(sessionStorage).sort()).to.deep.equal([LAST_KEY, SETTLED_KEY, TOKEN_KEY]);
    expect(JSON.parse(sessionStorage.getItem(SETTLED_KEY)!)).to.deep.equal([[state, 'used']]);
    expect(JSON.parse(sessionStorage.getItem(LAST_KEY)!)).to.deep.equal({
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      redirectUri: CALLBACK_URL,
      authorizeUrl: 'http://localhost:8080/v1/oauth',
      returnTo: '/list?sort=score#top',
    });
  });

  it('keeps the token only in the store asked for', () => {
    for (const store of ['session', 'local', 'memory'] as const) {
      clearStorage();
      const state = startLogin();
      completeLogin(`access_token=opaque-${store}&state=${state}`, store, pageAt());
      expect(storedToken(sessionStorage), store).to.equal(store === 'session' ? `opaque-${store}` : null);
      expect(storedToken(localStorage), store).to.equal(store === 'local' ? `opaque-${store}` : null);
    }
  });

  it('gives a null expiry for a token that is no JWT', () => {
    const state = startLogin();
    expect(completeLogin(`access_token=opaque&state=${state}`, 'session', pageAt()).expiresAt).to.equal(null);
  });

  it('accepts an RFC-style response with token_type bearer in any case and a numeric expires_in', () => {
    const state = startLogin();
    const detail = completeLogin(
      `access_token=t0k3n&token_type=Bearer&expires_in=3600&state=${state}`,
      'session',
      pageAt(),
    );
    expect(detail.accessToken).to.equal('t0k3n');
  });

  it('fails with no_response when there is no fragment', () => {
    expectFailure('', 'no_response');
    expectFailure('#', 'no_response');
  });

  it('fails with malformed_response for a repeated parameter, and drops every pending login of the tab', () => {
    const state = startLogin();
    const other = startLogin();
    expectFailure(`access_token=a&access_token=a&state=${state}`, 'malformed_response');
    expect(sessionStorage.getItem(`aniapi-elements.pending.${state}`)).to.equal(null);
    expect(sessionStorage.getItem(`aniapi-elements.pending.${other}`)).to.equal(null);
    // Single use holds even for a response that was refused: the same state cannot be completed later.
    expectFailure(`access_token=good&state=${state}`, 'no_pending_login');
  });

  it('fails with no_pending_login when this tab started no login', () => {
    expectFailure(`access_token=${aniapiToken()}&state=${'s'.repeat(43)}`, 'no_pending_login');
  });

  it('fails with state_mismatch for a state this tab did not make, keeping its own login', () => {
    const state = startLogin();
    expectFailure(`access_token=${aniapiToken()}&state=${state.slice(1)}x`, 'state_mismatch');
    expect(sessionStorage.getItem(`aniapi-elements.pending.${state}`)).not.to.equal(null);
  });

  it('fails with state_mismatch when the state is missing or empty', () => {
    startLogin();
    expectFailure(`access_token=${aniapiToken()}`, 'state_mismatch');
    expectFailure(`access_token=${aniapiToken()}&state=`, 'state_mismatch');
  });

  it('matches no prototype-named state', () => {
    startLogin();
    for (const state of ['constructor', '__proto__', 'toString']) {
      expectFailure(`access_token=${aniapiToken()}&state=${state}`, 'state_mismatch');
    }
  });

  it('is single use: the same response a second time fails', () => {
    const state = startLogin();
    const fragment = `access_token=${aniapiToken()}&state=${state}`;
    completeLogin(fragment, 'session', pageAt());
    clearStorage();
    expectFailure(fragment, 'no_pending_login');
  });

  it('completes each of two logins started in one tab with its own response only, the older first', () => {
    const first = startLogin({ returnTo: '/first', now: Date.now() - 1000 });
    const second = startLogin({ returnTo: '/second' });
    expect(completeLogin(`access_token=t1&state=${first}`, 'session', pageAt()).returnTo).to.equal('/first');
    expect(completeLogin(`access_token=t2&state=${second}`, 'session', pageAt()).returnTo).to.equal('/second');
    expect(storedToken(sessionStorage)).to.equal('t2');
  });

  it('drops older logins of the tab when a newer one signs in: their response fails as superseded', () => {
    const older = startLogin({ now: Date.now() - 2000 });
    const old = startLogin({ now: Date.now() - 1000 });
    const newer = startLogin();
    completeLogin(`access_token=t2&state=${newer}`, 'session', pageAt());
    expect(keysOf(sessionStorage).filter((key) => key.includes('.pending.'))).to.deep.equal([]);
    const error = expectFailure(`access_token=t1&state=${old}`, 'no_pending_login', undefined, true);
    expect(error.detail).to.deep.equal({ code: 'no_pending_login', message: error.message, cause: 'superseded' });
    // The oldest one too; the newer session stays.
    expect(failure(`access_token=t0&state=${older}`).detail.cause).to.equal('superseded');
    expect(storedToken(sessionStorage)).to.equal('t2');
  });

  it('keeps a login started after the one that signs in: it can still complete', () => {
    const first = startLogin({ now: Date.now() - 1000 });
    const later = startLogin({ returnTo: '/later' });
    completeLogin(`access_token=t1&state=${first}`, 'session', pageAt());
    expect(completeLogin(`access_token=t2&state=${later}`, 'session', pageAt()).returnTo).to.equal('/later');
  });

  it('says superseded with state_mismatch when the tab still has a newer login waiting', () => {
    const old = startLogin({ now: Date.now() - 2000 });
    const signedIn = startLogin({ now: Date.now() - 1000 });
    startLogin();
    completeLogin(`access_token=t&state=${signedIn}`, 'session', pageAt());
    sessionStorage.removeItem(TOKEN_KEY);
    expect(expectFailure(`access_token=t&state=${old}`, 'state_mismatch').detail.cause).to.equal('superseded');
  });

  it('says used for a response whose login this tab already completed, successfully or not', () => {
    const state = startLogin();
    const fragment = `access_token=${aniapiToken()}&state=${state}`;
    completeLogin(fragment, 'session', pageAt());
    sessionStorage.removeItem(TOKEN_KEY);
    expect(expectFailure(fragment, 'no_pending_login').detail.cause).to.equal('used');

    const refused = startLogin();
    expectFailure(`error=access_denied&state=${refused}`, 'provider_error');
    expect(expectFailure(`access_token=${aniapiToken()}&state=${refused}`, 'no_pending_login').detail.cause).to.equal(
      'used',
    );

    const live = startLogin();
    expect(expectFailure(fragment, 'state_mismatch').detail.cause).to.equal('used');
    expect(completeLogin(`access_token=t&state=${live}`, 'session', pageAt()).accessToken).to.equal('t');
  });

  it('says used for the logins a malformed response made the tab drop', () => {
    const state = startLogin();
    expectFailure(`access_token=a&access_token=a&state=${state}`, 'malformed_response');
    expect(expectFailure(`access_token=good&state=${state}`, 'no_pending_login').detail.cause).to.equal('used');
  });

  it('gives no cause for a state it never settled, nor for one past the last 20 it remembers', () => {
    expect(expectFailure(`access_token=t&state=${'s'.repeat(43)}`, 'no_pending_login').detail).not.to.have.property(
      'cause',
    );
    const first = startLogin();
    completeLogin(`access_token=t&state=${first}`, 'session', pageAt());
    for (let i = 0; i < 20; i++) completeLogin(`access_token=t&state=${startLogin()}`, 'session', pageAt());
    sessionStorage.removeItem(TOKEN_KEY);
    expect(JSON.parse(sessionStorage.getItem(SETTLED_KEY)!)).to.have.length(20);
    expect(expectFailure(`access_token=t&state=${first}`, 'no_pending_login').detail).not.to.have.property('cause');
  });

  it('never lets a remembered state match another, nor a tampered record give a token', () => {
    const state = startLogin();
    completeLogin(`access_token=t&state=${state}`, 'session', pageAt());
    sessionStorage.removeItem(TOKEN_KEY);
    for (const other of [state.toLowerCase(), state.slice(1), `${state} `, '0']) {
      expect(
        expectFailure(`access_token=t&state=${encodeURIComponent(other)}`, 'no_pending_login').detail,
        other,
      ).not.to.have.property('cause');
    }
    sessionStorage.setItem(SETTLED_KEY, '{"0":["x","used"]}');
    expect(expectFailure('access_token=t&state=x', 'no_pending_login').detail).not.to.have.property('cause');
    // An entry with an unknown cause reads as used; entries that are no pairs are skipped.
    sessionStorage.setItem(SETTLED_KEY, '[["x","anything"],"x",null]');
    expect(expectFailure('access_token=t&state=x', 'no_pending_login').detail.cause).to.equal('used');
  });

  it('remembers the configuration of the login a failure used up, for "try again"', () => {
    const { url } = beginLogin(
      {
        clientId: 'older',
        redirectUri: 'https://app.test/cb',
        authorizeUrl: 'https://auth.test/v1/oauth?tenant=anime',
        returnTo: '/older',
      },
      pageOn('https://app.test/', Date.now() - 1000),
    );
    startLogin({ returnTo: '/newer' });
    expect(JSON.parse(sessionStorage.getItem(LAST_KEY)!).returnTo).to.equal('/newer');
    const state = new URL(url).searchParams.get('state')!;
    expectFailure(`error=access_denied&state=${state}`, 'provider_error');
    expect(JSON.parse(sessionStorage.getItem(LAST_KEY)!)).to.deep.equal({
      clientId: 'older',
      redirectUri: 'https://app.test/cb',
      authorizeUrl: 'https://auth.test/v1/oauth?tenant=anime',
      returnTo: '/older',
    });
    expect(sessionStorage.getItem(LAST_KEY)).not.to.contain(state);
  });

  it('fails with login_expired after 10 minutes, by the injected clock, and consumes the login', () => {
    const start = Date.now();
    const late = startLogin({ now: start });
    expectFailure(`access_token=${aniapiToken()}&state=${late}`, 'login_expired', start + PENDING_LOGIN_MAX_AGE + 1);
    expect(sessionStorage.getItem(`aniapi-elements.pending.${late}`)).to.equal(null);

    const onTime = startLogin({ now: start });
    expect(
      completeLogin(`access_token=t&state=${onTime}`, 'session', pageAt(start + PENDING_LOGIN_MAX_AGE)).accessToken,
    ).to.equal('t');
  });

  it('fails with provider_error for an RFC error, carrying its text and an https error_uri only', () => {
    const state = startLogin();
    const error = expectFailure(
      `error=access_denied&error_description=The+user+said+%3Cb%3Eno%3C%2Fb%3E&error_uri=https%3A%2F%2Fdocs.test%2Ferr&state=${state}`,
      'provider_error',
    );
    expect(error.detail).to.deep.equal({
      code: 'provider_error',
      message: 'AniAPI did not sign you in (access_denied): The user said <b>no</b>.',
      error: 'access_denied',
      errorDescription: 'The user said <b>no</b>',
      errorUri: 'https://docs.test/err',
    });

    const other = startLogin();
    const unsafe = expectFailure(`error=server_error&error_uri=javascript%3Aalert(1)&state=${other}`, 'provider_error');
    expect(unsafe.detail).not.to.have.property('errorUri');
  });

  it('fails with missing_token when a live login gets no token', () => {
    const state = startLogin();
    expectFailure(`state=${state}&token_type=bearer`, 'missing_token');
  });

  const mixed: Array<[string, string]> = [
    ['a refresh_token', 'refresh_token=r'],
    ['a code', 'code=c'],
    ['an id_token', 'id_token=i'],
    ['an error beside the token', 'error=access_denied'],
    ['a token_type other than bearer', 'token_type=mac'],
    ['an expires_in that is no number', 'expires_in=soon'],
  ];
  for (const [what, extra] of mixed) {
    it(`fails with malformed_response for ${what}, consuming the login`, () => {
      const state = startLogin();
      expectFailure(`access_token=${aniapiToken()}&${extra}&state=${state}`, 'malformed_response');
      expect(sessionStorage.getItem(`aniapi-elements.pending.${state}`)).to.equal(null);
    });
  }

  it('fails with malformed_response for a token outside the bearer grammar', () => {
    const state = startLogin();
    expectFailure(`access_token=a%20b&state=${state}`, 'malformed_response');
  });

  it('fails with token_expired for a token whose exp has passed', () => {
    const state = startLogin();
    expectFailure(
      `access_token=${jwt({ id: '42', exp: Math.floor(Date.now() / 1000) - 1 })}&state=${state}`,
      'token_expired',
    );
  });

  it('fails with unsupported when the chosen storage is full, leaving no token anywhere', () => {
    const state = startLogin();
    fillLocalStorage();
    try {
      const error = failure(`access_token=${aniapiToken()}&state=${state}`, Date.now(), 'local');
      expect(error.code).to.equal('unsupported');
      expect(storedToken(sessionStorage)).to.equal(null);
    } finally {
      localStorage.clear();
    }
  });

  it('gives a null way back when the recorded one leaves the origin', () => {
    const state = startLogin();
    const key = `aniapi-elements.pending.${state}`;
    sessionStorage.setItem(
      key,
      JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key)!), returnTo: 'https://evil.test/' }),
    );
    expect(completeLogin(`access_token=t&state=${state}`, 'session', pageAt()).returnTo).to.equal(null);
  });
});
