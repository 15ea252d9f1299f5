// What history brings back: a cross-site navigation can copy the tab's sessionStorage, and Back restores the
// older copy. A logout and a used login must stay over whatever copy comes back (security round 3, points 1 and 2).
import { expect, fixture, html } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import '../../../src/login.js';
import type { Session, SessionChangeReason } from '../../../src/token/token-store.js';
import { getSession, getToken, logout, onChange, setToken } from '../../../src/token/token-store.js';
import { completeLogin } from '../../../src/response/complete-login.js';
import type { AniapiError } from '../../../src/oauth/errors.js';
import {
  afterPageLoad,
  aniapiToken,
  clearStorage,
  collectEvents,
  openFrame,
  pageAt,
  startLogin,
  storedToken,
  thrown,
  TOKEN_KEY,
} from '../helpers.js';

const PENDING_PREFIX = 'aniapi-elements.pending.';

/** The tab's sessionStorage as it is now: what a cross-site navigation copies, and Back restores. */
function copyOfSessionStorage(): Array<[string, string]> {
  return Array.from({ length: sessionStorage.length }, (_, i) => {
    const key = sessionStorage.key(i)!;
    return [key, sessionStorage.getItem(key)!];
  });
}

/** Back into an entry that holds an older copy: the storage is that copy again. */
function restore(copy: Array<[string, string]>): void {
  sessionStorage.clear();
  for (const [key, value] of copy) sessionStorage.setItem(key, value);
}

/** The session module of another document of this tab (its own copy, as a page in another history entry has). */
async function otherDocument(): Promise<typeof import('../../../src/session.js')> {
  const frame = await openFrame('/test/browser/fixtures/other-document.html');
  return (frame.contentWindow as unknown as { session: typeof import('../../../src/session.js') }).session;
}

describe('a copy of sessionStorage that history brings back', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
  after(clearStorage);

  it('does not undo a logout: the restored session is cleared, not believed', () => {
    const token = aniapiToken();
    setToken(token);
    const signedIn = copyOfSessionStorage();
    logout();
    restore(signedIn);
    expect(getSession()).to.equal(null);
    expect(getToken()).to.equal(null);
    // Cleared where it lay, so that neither this page nor the next reads it again.
    expect(storedToken(sessionStorage)).to.equal(null);
  });

  it('does not undo a logout made in another history entry, when the page comes back from the back-forward cache', async () => {
    const element = await fixture<AniapiLoginElement>(html`<aniapi-login></aniapi-login>`);
    setToken(aniapiToken());
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(true);
    await afterPageLoad();
    const signedIn = copyOfSessionStorage();
    const heard: Array<[Session | null, SessionChangeReason]> = [];
    const stop = onChange((session, reason) => heard.push([session, reason]));
    const events = collectEvents(element);
    const other = await otherDocument();
    try {
      // While this page sleeps in the cache: the user logs out in a later page, then presses Back, which restores
      // this page and the older copy of the storage with it.
      other.logout();
      restore(signedIn);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await element.updateComplete;
    } finally {
      stop();
      events.stop();
    }
    expect(heard).to.deep.equal([[null, 'logout']]);
    expect(events.events.map((event) => [event.type, event.detail])).to.deep.equal([
      ['aniapi-logout', { reason: 'logout' }],
    ]);
    expect(element.hasAttribute('signed-in')).to.equal(false);
    expect(getToken()).to.equal(null);
  });

  it('hears a logout made in another document of the origin that held a copy of the same session', async () => {
    setToken(aniapiToken());
    const heard: SessionChangeReason[] = [];
    const stop = onChange((_session, reason) => heard.push(reason));
    const other = await otherDocument();
    try {
      // A duplicated tab holds a copy of the same session; its logout ends that session everywhere.
      const copy = sessionStorage.getItem(TOKEN_KEY)!;
      other.logout();
      sessionStorage.setItem(TOKEN_KEY, copy);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
    }
    expect(heard).to.deep.equal(['logout']);
    expect(getToken()).to.equal(null);
  });

  it('does not keep a memory session through the back-forward cache: the page wakes signed out', () => {
    setToken(aniapiToken(), 'memory');
    const heard: Array<[Session | null, SessionChangeReason]> = [];
    const stop = onChange((session, reason) => heard.push([session, reason]));
    try {
      // The user leaves the page, which the cache keeps, then presses Back.
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    } finally {
      stop();
    }
    expect(heard).to.deep.equal([[null, 'logout']]);
    expect(getToken()).to.equal(null);
  });

  it('ends a memory session when a tab duplicated before the move signs out its copy of it', async () => {
    const token = aniapiToken();
    setToken(token);
    const copy = sessionStorage.getItem(TOKEN_KEY)!;
    // The same session, moved to memory (as a store bound late moves it): its record, and its id, go along.
    setToken(token, 'memory');
    const heard: SessionChangeReason[] = [];
    const stop = onChange((_session, reason) => heard.push(reason));
    const other = await otherDocument();
    try {
      sessionStorage.setItem(TOKEN_KEY, copy);
      other.logout();
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
    }
    expect(heard).to.deep.equal(['logout']);
    expect(getToken()).to.equal(null);
  });

  it('lets a later sign-in work, in this document or another', async () => {
    setToken(aniapiToken());
    const signedIn = copyOfSessionStorage();
    logout();
    restore(signedIn);
    const next = aniapiToken(Date.now() + 1000);
    setToken(next);
    expect(getToken()).to.equal(next);
    const other = await otherDocument();
    expect(other.getToken()).to.equal(next);
    const third = aniapiToken(Date.now() + 2000);
    other.setToken(third, 'local');
    expect(getToken()).to.equal(third);
  });

  it('does not bring back a session that another token replaced', () => {
    setToken(aniapiToken());
    const first = copyOfSessionStorage();
    const second = aniapiToken(Date.now() + 1000);
    setToken(second);
    restore(first);
    expect(getToken()).to.equal(null);
  });

  it('does not complete a login already used: replaying its response signs in nobody', () => {
    const state = startLogin();
    const beforeCallback = copyOfSessionStorage();
    const fragment = `#access_token=${aniapiToken()}&state=${state}`;
    completeLogin(fragment, 'session', pageAt());
    logout();
    // Back into the page where the login started: its copy still holds the pending login.
    restore(beforeCallback);
    expect(sessionStorage.getItem(PENDING_PREFIX + state)).not.to.equal(null);
    const replay = thrown<AniapiError>(() => completeLogin(fragment, 'session', pageAt()));
    expect(replay.code).to.equal('no_pending_login');
    expect(getToken()).to.equal(null);
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(sessionStorage.getItem(PENDING_PREFIX + state)).to.equal(null);
  });

  it('does not complete a login that a newer one superseded', () => {
    const older = startLogin();
    const newer = startLogin();
    const beforeCallback = copyOfSessionStorage();
    completeLogin(`#access_token=${aniapiToken()}&state=${newer}`, 'session', pageAt());
    logout();
    restore(beforeCallback);
    const late = thrown<AniapiError>(() =>
      completeLogin(`#access_token=${aniapiToken()}&state=${older}`, 'session', pageAt()),
    );
    expect(['no_pending_login', 'state_mismatch']).to.include(late.code);
    expect(getToken()).to.equal(null);
  });
});
