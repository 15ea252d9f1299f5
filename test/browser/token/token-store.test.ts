import { expect } from '@open-wc/testing';
import type { Session, SessionChangeReason, TokenStore } from '../../../src/token/token-store.js';
import type { AniapiError } from '../../../src/oauth/errors.js';
import { getSession, getToken, logout, onChange, setToken } from '../../../src/token/token-store.js';
import { watchExpiry } from '../../../src/token/expiry-watch.js';
import {
  aniapiToken,
  clearStorage,
  fillLocalStorage,
  jwt,
  otherTabWrites,
  sessionRecord,
  storedToken,
  TOKEN_KEY,
  thrown,
} from '../helpers.js';

/** Records what session listeners hear until stopped. */
function listen(): { heard: Array<[Session | null, SessionChangeReason]>; stop: () => void } {
  const heard: Array<[Session | null, SessionChangeReason]> = [];
  const stop = onChange((session, reason) => heard.push([session, reason]));
  return { heard, stop };
}

describe('session', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('is signed out with nothing stored', () => {
    expect(getToken()).to.equal(null);
    expect(getSession()).to.equal(null);
  });

  it('reads the expiry and user id from the token', () => {
    const token = aniapiToken();
    const exp = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp;
    setToken(token);
    expect(getToken()).to.equal(token);
    expect(getSession()).to.deep.equal({ accessToken: token, expiresAt: exp * 1000, userId: '42', issuer: null });
  });

  it('keeps an opaque token with unknown expiry and user', () => {
    setToken('opaque');
    expect(getSession()).to.deep.equal({ accessToken: 'opaque', expiresAt: null, userId: null, issuer: null });
  });

  it('keeps the token in exactly one store', () => {
    setToken('in-local', 'local');
    expect(storedToken(localStorage)).to.equal('in-local');
    setToken('in-session', 'session');
    expect(storedToken(localStorage)).to.equal(null);
    expect(storedToken(sessionStorage)).to.equal('in-session');
    setToken('in-memory', 'memory');
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(getToken()).to.equal('in-memory');
  });

  for (const [what, store] of [
    ["a store named as the Web Storage is ('localStorage')", 'localStorage'],
    ['the options where the store goes', { issuer: 'https://aniapi.example' }],
  ] as const) {
    it(`refuses ${what} with invalid_config, keeping nothing`, () => {
      const failure = thrown<AniapiError>(() => setToken(aniapiToken(), store as unknown as TokenStore));
      expect([failure.code, failure.message]).to.deep.equal([
        'invalid_config',
        'store must be session, local or memory.',
      ]);
      expect(getToken()).to.equal(null);
      expect(storedToken(sessionStorage)).to.equal(null);
    });
  }

  it('reads an expired token as signed out without a write; the expiry watch drops it and says so', () => {
    const now = Date.now();
    const exp = Math.floor(now / 1000) + 60;
    const token = jwt({ id: '7', exp });
    setToken(token);
    const { heard, stop } = listen();
    expect(getSession(exp * 1000 - 1)).not.to.equal(null);
    expect(getSession(exp * 1000)).to.equal(null);
    // A read has no side effects: the token is still stored, and nobody was told anything.
    expect(storedToken(sessionStorage)).to.equal(token);
    expect(heard).to.deep.equal([]);
    // Expiry is acted on in one place: the watch, here at the token's exp.
    const stopWatch = watchExpiry({ clock: { now: () => exp * 1000, setTimeout: () => 0, clearTimeout: () => {} } });
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(heard).to.deep.equal([[null, 'expired']]);
    stopWatch();
    stop();
  });

  it('tells listeners of a login and a logout, and stops when asked', () => {
    const { heard, stop } = listen();
    setToken('t1');
    logout();
    logout();
    stop();
    setToken('t2');
    expect(heard).to.deep.equal([
      [{ accessToken: 't1', expiresAt: null, userId: null, issuer: null }, 'login'],
      [null, 'logout'],
    ]);
  });

  it('tells listeners the session ended when a new token cannot be kept and the old one is gone', () => {
    setToken('old', 'session');
    const { heard, stop } = listen();
    fillLocalStorage();
    try {
      expect(() => setToken('n'.repeat(64), 'local')).to.throw('localStorage');
    } finally {
      localStorage.clear();
      stop();
    }
    // The old token left every store to keep one token in one place; listeners (the page's other elements) must
    // hear it, not go on showing a session that no longer exists.
    expect(getToken()).to.equal(null);
    expect(heard).to.deep.equal([[null, 'logout']]);
  });

  it('logs out of every store', () => {
    localStorage.setItem(TOKEN_KEY, sessionRecord('old'));
    setToken('new', 'memory');
    localStorage.setItem(TOKEN_KEY, sessionRecord('stray'));
    logout();
    expect(getToken()).to.equal(null);
    expect(storedToken(localStorage)).to.equal(null);
  });

  it('hears a login and a logout made in another tab through localStorage', () => {
    const { heard, stop } = listen();
    otherTabWrites('from-elsewhere');
    otherTabWrites(null);
    stop();
    expect(heard).to.deep.equal([
      [{ accessToken: 'from-elsewhere', expiresAt: null, userId: null, issuer: null }, 'login'],
      [null, 'logout'],
    ]);
  });

  it('ignores storage events that change nothing for this tab', () => {
    setToken('mine', 'session');
    const { heard, stop } = listen();
    otherTabWrites('theirs');
    otherTabWrites(null);
    window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated', newValue: 'x', storageArea: localStorage }));
    stop();
    expect(heard).to.deep.equal([]);
    expect(getToken()).to.equal('mine');
  });

  it('never tells a listener of a change after one that a listener made on hearing it', () => {
    // An app that refuses some sessions: it logs out as soon as it hears of one.
    const stopFirst = onChange((session) => session && logout());
    const { heard, stop } = listen();
    try {
      setToken('refused');
    } finally {
      stop();
      stopFirst();
    }
    // The logout, and not the login after it, which would leave this listener believing the session goes on; the
    // login was over before this listener's turn came.
    expect(heard).to.deep.equal([[null, 'logout']]);
    expect(getToken()).to.equal(null);
  });

  it('keeps calling the other listeners when one throws', () => {
    const heard: string[] = [];
    // The test runner fails a test on any reported error, so catch the report where it is made.
    const { reportError } = window;
    window.reportError = (error: Error) => heard.push(`reported ${error.message}`);
    const stops = [
      onChange(() => {
        throw new Error('listener bug');
      }),
      onChange((_session, reason) => heard.push(reason)),
    ];
    try {
      setToken('t');
    } finally {
      stops.forEach((stop) => stop());
      window.reportError = reportError;
    }
    expect(heard).to.deep.equal(['reported listener bug', 'login']);
  });
});
