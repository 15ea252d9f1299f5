import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import type { AniapiErrorCode } from '../../../src/elements/events.js';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import { getToken, logout, setToken } from '../../../src/token/token-store.js';
import { arrive, completeWith } from '../callback-harness.js';
import { stashedResponse } from '../../../src/response/response-stash.js';
import { beginLogin } from '../../../src/oauth/begin-login.js';
import {
  aniapiToken,
  clearStorage,
  collectEvents,
  jwt,
  keysOf,
  openFrame,
  pageOn,
  startLogin,
  storedToken,
  TOKEN_KEY,
} from '../helpers.js';

/** Arrives with `fragment` and expects the failure `code`, with nothing stored and nothing leaked. */
async function expectFailure(fragment: string, code: AniapiErrorCode) {
  const outcome = await completeWith(fragment);
  const { element, events, status } = outcome;
  expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', code]]);
  expect(element.result).to.deep.equal({ ok: false, error: events[0]!.detail });
  expect(location.hash).to.equal('');
  expect(storedToken(sessionStorage)).to.equal(null);
  expect(storedToken(localStorage)).to.equal(null);
  const secrets = new URLSearchParams(fragment);
  for (const name of ['access_token', 'state']) {
    const secret = secrets.get(name);
    if (!secret) continue;
    expect(JSON.stringify(events[0]!.detail), name).not.to.contain(secret);
    expect(status.textContent, name).not.to.contain(secret);
  }
  expect(status.getAttribute('role')).to.equal('alert');
  expect(status.textContent).to.contain('Sign-in failed.');
  expect([element.matches(':state(signed-in)'), element.matches(':state(error)')]).to.deep.equal([false, true]);
  return outcome;
}

describe('<aniapi-callback>', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('completes a login: event, detail, storage, a scrubbed address bar and result', async () => {
    const state = startLogin({ returnTo: '/shows?id=1#top' });
    const token = aniapiToken();
    const exp = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp;
    const entries = history.length;
    const { element, events, status } = await completeWith(`access_token=${token}&state=${state}`);

    const detail = { accessToken: token, expiresAt: exp * 1000, returnTo: '/shows?id=1#top' };
    expect(events.map((e) => [e.type, e.detail, e.bubbles, e.composed])).to.deep.equal([
      ['aniapi-token', detail, true, true],
    ]);
    expect(element.result).to.deep.equal({ ok: true, token: detail });
    expect(location.href).not.to.contain('#');
    expect(history.length).to.equal(entries);
    expect(keysOf(sessionStorage).sort()).to.deep.equal([
      'aniapi-elements.callback-sign-in',
      'aniapi-elements.last-login',
      'aniapi-elements.settled',
      TOKEN_KEY,
    ]);
    expect(storedToken(sessionStorage)).to.equal(token);
    expect(sessionStorage.getItem('aniapi-elements.last-login')).not.to.contain(state);
    expect(sessionStorage.getItem('aniapi-elements.callback-sign-in')).not.to.contain(state).and.not.to.contain(token);
    expect(status.textContent).to.equal('Signed in.');
    expect(status.getAttribute('role')).to.equal('status');
    expect([element.matches(':state(signed-in)'), element.matches(':state(error)')]).to.deep.equal([true, false]);
    expect(
      element
        .getAttributeNames()
        .map((name) => element.getAttribute(name))
        .join(' '),
    ).not.to.contain(token);
    await expect(element).to.be.accessible();
  });

  it('removes the fragment before it reports anything', async () => {
    const state = startLogin();
    await arrive(`access_token=t&state=${state}`);
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    expect(location.hash).to.equal('');
    expect(element.result).to.equal(null);
    await element.updateComplete;
    expect(element.result?.ok).to.equal(true);
    element.remove();
  });

  it('removes the response from history.state too, where a router keeps the URL', async () => {
    const state = startLogin();
    const token = aniapiToken();
    const fragment = `access_token=${token}&state=${state}`;
    await arrive(fragment);
    const path = `${location.pathname}${location.search}`;
    // As Vue Router keeps it (current, back; relative to its base in `base`), with other data left alone.
    const routerState = {
      back: '/shows',
      current: `${path}#${fragment}`,
      base: `/callback#${fragment}`,
      position: 3,
      entries: [{ url: location.href }],
      when: new Date(0),
    };
    history.replaceState(routerState, '', location.href);
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    expect(JSON.stringify(history.state)).not.to.contain(token);
    await element.updateComplete;
    expect(element.result?.ok).to.equal(true);
    expect(JSON.stringify(history.state)).not.to.contain(state);
    expect(history.state).to.deep.equal({
      back: '/shows',
      current: path,
      base: '/callback',
      position: 3,
      entries: [{ url: `${location.origin}${path}` }],
      when: new Date(0),
    });
    element.remove();
  });

  it('keeps the token in the store it is given', async () => {
    const state = startLogin();
    await completeWith(`access_token=t&state=${state}`, html`<aniapi-callback store="local"></aniapi-callback>`);
    expect(storedToken(localStorage)).to.equal('t');
    expect(storedToken(sessionStorage)).to.equal(null);

    const next = startLogin();
    await completeWith(`access_token=m&state=${next}`, html`<aniapi-callback store="memory"></aniapi-callback>`);
    expect(getToken()).to.equal('m');
    expect(storedToken(localStorage)).to.equal(null);
    expect(storedToken(sessionStorage)).to.equal(null);
  });

  /** Arrives with a valid response to a fresh login and connects a callback element by script. */
  async function connectAfterValidResponse() {
    const token = aniapiToken();
    await arrive(`access_token=${token}&state=${startLogin()}`);
    const { events, stop } = collectEvents();
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    return { token, element, events, stop };
  }

  it('keeps the token in a store set just after it connects, as Angular binds properties', async () => {
    const { token, element, events, stop } = await connectAfterValidResponse();
    element.store = 'local';
    await element.updateComplete;
    expect(element.result?.ok).to.equal(true);
    expect(storedToken(localStorage)).to.equal(token);
    expect(storedToken(sessionStorage)).to.equal(null);
    // The outcome, with its way back; the session relay of the same login (returnTo null) must not come too.
    await waitUntil(
      () => events.some((event) => event.target === element && event.detail.returnTo),
      'no outcome was reported',
    );
    expect(events.filter((event) => event.target === element).map((event) => [event.type, event.detail])).to.deep.equal(
      [['aniapi-token', element.result!.ok && element.result!.token]],
    );
    stop();
    element.remove();
  });

  it('moves the token to a store set a task after it connects, with one outcome event', async () => {
    const { token, element, events, stop } = await connectAfterValidResponse();
    await element.updateComplete;
    expect(storedToken(sessionStorage)).to.equal(token);
    await new Promise((resolve) => setTimeout(resolve));
    element.store = 'memory';
    await element.updateComplete;
    expect(getToken()).to.equal(token);
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(storedToken(localStorage)).to.equal(null);
    await waitUntil(
      () => events.some((event) => event.target === element && event.detail.returnTo),
      'no outcome was reported',
    );
    expect(events.filter((event) => event.target === element).map((event) => event.type)).to.deep.equal([
      'aniapi-token',
    ]);
    stop();
    element.remove();
  });

  it('replaces an expired token without announcing its end, as a fresh login does', async () => {
    setToken(jwt({ id: '1', exp: Math.floor(Date.now() / 1000) - 60 }));
    const state = startLogin();
    const token = aniapiToken();
    const { events } = await completeWith(`access_token=${token}&state=${state}`);
    expect(events.map((event) => event.type)).to.deep.equal(['aniapi-token']);
    expect(getToken()).to.equal(token);
  });

  it('checks a response that arrives while it is away when it connects again', async () => {
    const first = await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
    const { element } = first;
    element.remove();
    const state = startLogin();
    const token = aniapiToken(Date.now() + 1000);
    await arrive(`access_token=${token}&state=${state}`);
    const { events, stop } = collectEvents();
    document.body.append(element);
    expect(location.hash).to.equal('');
    expect(element.result?.ok && element.result.token.accessToken).to.equal(token);
    expect(stashedResponse()).to.equal(undefined);
    await waitUntil(() => events.some((event) => event.target === element), 'the new response was not reported');
    expect(
      events.filter((event) => event.target === element).map((event) => [event.type, event.detail.accessToken]),
    ).to.deep.equal([['aniapi-token', token]]);
    stop();
    element.remove();
  });

  it('fails with invalid_config for an unknown store', async () => {
    const state = startLogin();
    await arrive(`access_token=t&state=${state}`);
    const { events, stop } = collectEvents();
    const element = await fixture<AniapiCallbackElement>(html`<aniapi-callback store="cookie"></aniapi-callback>`);
    await waitUntil(() => events.length > 0);
    stop();
    expect(events[0]!.detail).to.deep.equal({
      code: 'invalid_config',
      message: 'store must be session, local or memory.',
    });
    expect(element.result?.ok).to.equal(false);
    expect(getToken()).to.equal(null);
  });

  it('fails with no_pending_login when this tab started no login', async () => {
    await expectFailure(`access_token=${aniapiToken()}&state=${'q'.repeat(43)}`, 'no_pending_login');
  });

  it('fails with state_mismatch for a changed state', async () => {
    const state = startLogin();
    const changed = state.slice(0, -1) + (state.endsWith('A') ? 'B' : 'A');
    const { element } = await expectFailure(`access_token=${aniapiToken()}&state=${changed}`, 'state_mismatch');
    await expect(element).to.be.accessible();
  });

  it('fails with login_expired for a login started over 10 minutes ago', async () => {
    const state = startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE - 1000 });
    await expectFailure(`access_token=${aniapiToken()}&state=${state}`, 'login_expired');
  });

  it('fails with malformed_response for a repeated parameter', async () => {
    const state = startLogin();
    await expectFailure(`access_token=x9x9x9&access_token=x9x9x9&state=${state}`, 'malformed_response');
  });

  it('fails with missing_token when no token came back', async () => {
    const state = startLogin();
    await expectFailure(`state=${state}`, 'missing_token');
  });

  it('fails with token_expired for a token past its exp', async () => {
    const state = startLogin();
    await expectFailure(`access_token=${jwt({ exp: 1 })}&state=${state}`, 'token_expired');
  });

  it('fails with provider_error and shows the provider text as text only', async () => {
    const state = startLogin();
    const { element, status, events } = await expectFailure(
      `error=access_denied&error_description=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&state=${state}`,
      'provider_error',
    );
    expect(events[0]!.detail.errorDescription).to.equal('<img src=x onerror=alert(1)>');
    expect(status.textContent).to.equal('Sign-in failed. AniAPI did not sign you in: <img src=x onerror=alert(1)>');
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('is single use: the same response arriving again fails', async () => {
    const state = startLogin();
    const fragment = `access_token=${aniapiToken()}&state=${state}`;
    await completeWith(fragment);
    logout();
    await expectFailure(fragment, 'no_pending_login');
  });

  it('reports once when reconnected, and a second element gets the same outcome', async () => {
    const state = startLogin();
    const { element, events } = await completeWith(`access_token=t&state=${state}`);
    const { events: later, stop } = collectEvents();
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    const second = document.createElement('aniapi-callback');
    parent.append(second);
    await waitUntil(() => later.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(events).to.have.length(1);
    expect(later.map((e) => [e.type, e.target])).to.deep.equal([['aniapi-token', second]]);
    expect(second.result).to.deep.equal(element.result);
    expect(location.hash).to.equal('');
    second.remove();
  });

  it('scrubs and reports a new response that arrives in the same document', async () => {
    const state = startLogin();
    const { element } = await completeWith(`access_token=t&state=${state}`);
    const { events, stop } = collectEvents(element);
    location.hash = `access_token=injected&state=${'x'.repeat(43)}`;
    // popstate comes synchronously with the fragment navigation, before any task runs.
    expect(location.hash).to.equal('');
    await waitUntil(() => events.length > 0);
    stop();
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'no_pending_login']]);
    expect(element.result?.ok).to.equal(false);
    expect(getToken()).to.equal('t');
  });

  it('reports a valid response that arrives in the same document once, with its way back', async () => {
    const first = startLogin();
    const { element } = await completeWith(`access_token=t1&state=${first}`);
    const second = startLogin({ returnTo: '/again' });
    const { events, stop } = collectEvents(element);
    location.hash = `access_token=t2&state=${second}`;
    await waitUntil(() => events.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([
      ['aniapi-token', { accessToken: 't2', expiresAt: null, returnTo: '/again' }],
    ]);
    expect(getToken()).to.equal('t2');
  });

  // A skip link, a table of contents, a malformed anchor: none of them is an OAuth response.
  for (const [what, go] of [
    ['a skip link is followed', () => (location.hash = 'main')],
    ['an anchor the parser calls malformed is followed', () => (location.hash = 'café')],
    ['an anchor repeating a name is followed', () => (location.hash = 'a&a')],
    ['an anchor named like a parameter, without a value, is followed', () => (location.hash = 'error')],
    ['Back returns to an anchor of the page', () => history.back()],
  ] as const) {
    it(`leaves the result, the status and the pending logins as they are when ${what}`, async () => {
      const { element, status } = await completeWith(`access_token=t&state=${startLogin()}`);
      if (what.startsWith('Back')) {
        location.hash = 'top';
        await new Promise((resolve) => setTimeout(resolve, 50));
        location.hash = 'main';
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const waiting = startLogin();
      const { events, stop } = collectEvents();
      const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
      go();
      // popstate comes at once, hashchange a task later: give both, and what they start, time to be heard.
      await changed;
      await new Promise((resolve) => setTimeout(resolve, 100));
      stop();
      expect(events.map((e) => e.type)).to.deep.equal([]);
      expect(location.hash).not.to.equal('');
      expect(element.result?.ok).to.equal(true);
      expect(status.textContent).to.equal('Signed in.');
      expect(element.matches(':state(error)')).to.equal(false);
      expect(sessionStorage.getItem(`aniapi-elements.pending.${waiting}`)).not.to.equal(null);
      expect(getToken()).to.equal('t');
      history.replaceState(history.state, '', location.pathname + location.search);
    });
  }

  it('opened with an anchor that is no response, reports no_response and keeps the anchor and the pending login', async () => {
    const waiting = startLogin();
    const { events } = await completeWith('main');
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'no_response']]);
    expect(location.hash).to.equal('#main');
    expect(sessionStorage.getItem(`aniapi-elements.pending.${waiting}`)).not.to.equal(null);
    history.replaceState(history.state, '', location.pathname + location.search);
  });

  // A token behind a path or another separator is still a token in the address bar: scrubbed and refused.
  for (const fragment of ['/cb?access_token=t0k3n', ';access_token=t0k3n', 'x/state=s']) {
    it(`takes #${fragment} as a response: scrubbed and refused, storing nothing`, async () => {
      const { events } = await completeWith(fragment);
      expect(events.map((e) => e.type)).to.deep.equal(['aniapi-error']);
      expect(location.hash).to.equal('');
      expect(getToken()).to.equal(null);
    });
  }

  it('still takes a malformed response as one: scrubbed, refused, and the pending logins dropped', async () => {
    const waiting = startLogin();
    const { events } = await completeWith(`access_token=%ZZ&state=${waiting}`);
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'malformed_response']]);
    expect(location.hash).to.equal('');
    expect(sessionStorage.getItem(`aniapi-elements.pending.${waiting}`)).to.equal(null);
  });

  it('does not report a login as a success again once it has ended', async () => {
    const state = startLogin();
    await completeWith(`access_token=t&state=${state}`);
    logout();
    const { events, stop } = collectEvents();
    const element = document.createElement('aniapi-callback');
    element.autoReturn = true;
    const navigations: string[] = [];
    element.replaceLocation = (path) => navigations.push(path);
    document.body.append(element);
    await waitUntil(() => events.length > 0);
    stop();
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'no_response']]);
    expect(navigations).to.deep.equal([]);
    element.remove();
  });

  it('reports after a framework unmounts and remounts it before the page has settled', async () => {
    const state = startLogin();
    await arrive(`access_token=t&state=${state}`);
    const { events, stop } = collectEvents();
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).to.deep.equal([]);
    document.body.append(element);
    await waitUntil(() => events.length > 0);
    stop();
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-token']);
    element.remove();
  });

  /** Arrives with `fragment` at an auto-returning element whose navigations are recorded, and waits for its outcome. */
  async function autoReturnWith(fragment: string) {
    await arrive(fragment);
    const element = document.createElement('aniapi-callback');
    element.autoReturn = true;
    const navigations: string[] = [];
    element.replaceLocation = (path) => navigations.push(path);
    const { events, stop } = collectEvents();
    document.body.append(element);
    await waitUntil(() => events.length > 0);
    // The navigation follows the event in the same task.
    stop();
    element.remove();
    return { element, events, navigations };
  }

  it('with auto-return goes back to the recorded path, without a history entry', async () => {
    const state = startLogin({ returnTo: '/library?tab=2' });
    const { element, events, navigations } = await autoReturnWith(`access_token=t&state=${state}`);
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-token']);
    expect(navigations).to.deep.equal(['/library?tab=2']);
    expect(element.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal('Signed in. Taking you back…');
  });

  it('does not auto-return after a failure', async () => {
    const { events, navigations } = await autoReturnWith(`access_token=t&state=${'z'.repeat(43)}`);
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-error']);
    expect(navigations).to.deep.equal([]);
  });

  it('fires aniapi-logout when the session ends here or in another tab', async () => {
    const state = startLogin();
    const { element } = await completeWith(
      `access_token=t&state=${state}`,
      html`<aniapi-callback store="local"></aniapi-callback>`,
    );
    const { events, stop } = collectEvents(element);
    localStorage.removeItem(TOKEN_KEY);
    window.dispatchEvent(
      new StorageEvent('storage', { key: TOKEN_KEY, oldValue: 't', newValue: null, storageArea: localStorage }),
    );
    setToken('again');
    logout();
    stop();
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([
      ['aniapi-logout', { reason: 'logout' }],
      ['aniapi-token', { accessToken: 'again', expiresAt: null, returnTo: null }],
      ['aniapi-logout', { reason: 'logout' }],
    ]);
  });

  it('says "Signing you in…" in its live region until it reports the outcome there', async () => {
    const state = startLogin();
    await arrive(`access_token=t&state=${state}`);
    const { events, stop } = collectEvents();
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    await element.updateComplete;
    const status = element.shadowRoot!.querySelector('[part=status]')!;
    expect(element.result?.ok).to.equal(true);
    expect([events.length, status.getAttribute('role'), status.textContent]).to.deep.equal([
      0,
      'status',
      'Signing you in…',
    ]);
    await waitUntil(() => events.length > 0);
    await element.updateComplete;
    stop();
    expect([status.getAttribute('role'), status.textContent]).to.deep.equal(['status', 'Signed in.']);
    element.remove();
  });

  describe('after a failure', () => {
    const retryOf = (element: AniapiCallbackElement) =>
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!;
    const NO_RETRY = 'This tab does not know where the sign-in started: go back to the site and sign in from there.';
    // The test server is on localhost, where a sign-in started on 127.0.0.1 is the likeliest cause.
    const LOOPBACK =
      'On this computer, localhost and 127.0.0.1 are separate sites: start the sign-in on the same address as this page.';

    // Each cause in plain words; every case but the first has a login this tab knows, so "Try again" is offered.
    const causes: Array<[string, AniapiErrorCode, () => string, string]> = [
      [
        'a state this tab never made, in a new tab',
        'no_pending_login',
        () => `access_token=${aniapiToken()}&state=${'q'.repeat(43)}`,
        `This tab has no sign-in waiting. ${LOOPBACK} ${NO_RETRY}`,
      ],
      [
        'a changed state',
        'state_mismatch',
        () => `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
        'The response does not belong to the sign-in this tab started.',
      ],
      [
        'an expired login',
        'login_expired',
        () => `access_token=${aniapiToken()}&state=${startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE - 1000 })}`,
        'The sign-in took too long and has expired.',
      ],
      [
        'a repeated parameter',
        'malformed_response',
        () => `access_token=${aniapiToken()}&access_token=${aniapiToken()}&state=${startLogin()}`,
        'The response from AniAPI could not be read safely.',
      ],
      ['no token', 'missing_token', () => `state=${startLogin()}`, 'AniAPI sent back no access token.'],
      [
        'an expired token',
        'token_expired',
        () => `access_token=${jwt({ exp: 1 })}&state=${startLogin()}`,
        'The token AniAPI sent back has already expired.',
      ],
      [
        'a provider error without a description',
        'provider_error',
        () => `error=server_error&state=${startLogin()}`,
        'AniAPI did not sign you in: server_error',
      ],
    ];
    for (const [what, code, fragment, words] of causes) {
      it(`names ${code} for ${what} in plain words`, async () => {
        const { element, status } = await expectFailure(fragment(), code);
        expect(status.textContent).to.equal(`Sign-in failed. ${words}`);
        expect(retryOf(element).hidden).to.equal(words.endsWith(NO_RETRY));
      });
    }

    it('says a response was already used', async () => {
      const fragment = `access_token=${aniapiToken()}&state=${startLogin()}`;
      await completeWith(fragment);
      logout();
      const { element, events, status } = await expectFailure(fragment, 'no_pending_login');
      expect(events[0]!.detail.cause).to.equal('used');
      expect(status.textContent).to.equal(
        'Sign-in failed. This sign-in response was already used; each one works once.',
      );
      expect(retryOf(element).hidden).to.equal(false);
    });

    it('says a response was superseded by a newer sign-in of the tab', async () => {
      const old = startLogin({ now: Date.now() - 1000 });
      await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
      logout();
      const { events, status } = await expectFailure(`access_token=${aniapiToken()}&state=${old}`, 'no_pending_login');
      expect(events[0]!.detail.cause).to.equal('superseded');
      expect(status.textContent).to.equal(
        'Sign-in failed. A newer sign-in in this tab finished first and replaced this one.',
      );
    });

    it('"Try again" starts a fresh login with the failed one\'s settings and way back, through aniapi-login', async () => {
      const { url } = beginLogin(
        {
          clientId: 'older',
          redirectUri: `${location.origin}/cb`,
          authorizeUrl: 'http://127.0.0.1:9/v1/oauth?tenant=x',
          returnTo: '/older?tab=2#top',
        },
        pageOn(location.href, Date.now() - 1000),
      );
      startLogin({ returnTo: '/newer' });
      const failed = new URL(url).searchParams.get('state')!;
      const { element } = await expectFailure(`error=access_denied&state=${failed}`, 'provider_error');
      const opened: string[] = [];
      element.assignLocation = (next) => opened.push(next);
      const { events, stop } = collectEvents();
      retryOf(element).click();
      stop();
      expect(events.map((e) => [e.type, e.target, e.bubbles, e.composed, e.cancelable])).to.deep.equal([
        ['aniapi-login', element, true, true, true],
      ]);
      const next = events[0]!.detail.url as string;
      expect(next).to.match(
        new RegExp(
          `^http://127\\.0\\.0\\.1:9/v1/oauth\\?tenant=x&response_type=token&client_id=older&redirect_uri=${encodeURIComponent(`${location.origin}/cb`)}&state=[\\w-]{43}$`,
        ),
      );
      const state = new URL(next).searchParams.get('state')!;
      expect(state).not.to.equal(failed);
      expect(opened).to.deep.equal([next]);
      expect(JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!).returnTo).to.equal(
        '/older?tab=2#top',
      );
    });

    it('"Try again" opens nothing when a listener cancels aniapi-login', async () => {
      const { element } = await expectFailure(
        `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
        'state_mismatch',
      );
      const opened: string[] = [];
      element.assignLocation = (next) => opened.push(next);
      const cancel = (event: Event) => event.preventDefault();
      document.addEventListener('aniapi-login', cancel);
      retryOf(element).click();
      document.removeEventListener('aniapi-login', cancel);
      expect(opened).to.deep.equal([]);
    });

    it('"Try again" reports a login that cannot start as aniapi-error, and opens nothing', async () => {
      const { element } = await expectFailure(
        `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
        'state_mismatch',
      );
      const last = JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!);
      sessionStorage.setItem('aniapi-elements.last-login', JSON.stringify({ ...last, redirectUri: 'not a url' }));
      const opened: string[] = [];
      element.assignLocation = (next) => opened.push(next);
      const { events, stop } = collectEvents();
      retryOf(element).click();
      stop();
      expect(events.map((e) => [e.type, e.target, e.detail.code])).to.deep.equal([
        ['aniapi-error', element, 'invalid_config'],
      ]);
      expect(opened).to.deep.equal([]);
    });

    it('"Try again" falls back on no authorize server: invalid_config naming authorize-url, and opens nothing', async () => {
      const { element } = await expectFailure(
        `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
        'state_mismatch',
      );
      const last = JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!);
      sessionStorage.setItem('aniapi-elements.last-login', JSON.stringify({ ...last, authorizeUrl: '' }));
      const opened: string[] = [];
      element.assignLocation = (next) => opened.push(next);
      const pending = () => keysOf(sessionStorage).filter((key) => key.startsWith('aniapi-elements.pending.'));
      const waiting = pending();
      const { events, stop } = collectEvents();
      retryOf(element).click();
      stop();
      expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'invalid_config']]);
      expect(events[0]!.detail.message).to.contain('authorize-url');
      expect(opened).to.deep.equal([]);
      expect(pending()).to.deep.equal(waiting);
    });

    it('offers no "Try again" after a success', async () => {
      const { element } = await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
      expect(retryOf(element).hidden).to.equal(true);
    });
  });

  describe('on its own page', () => {
    afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

    type CallbackWindow = Window & { heard: Array<{ type: string; detail: Record<string, unknown> }> };
    async function callbackPage(query: string, fragment: string) {
      const frame = await openFrame(`/test/browser/fixtures/callback.html${query}${fragment}`);
      const page = frame.contentWindow as CallbackWindow;
      await waitUntil(() => page.heard?.length > 0, 'the page heard no outcome');
      return { frame, page };
    }

    it('reaches a listener added late, before load, with the token', async () => {
      const state = startLogin();
      const { page } = await callbackPage('', `#access_token=t&state=${state}`);
      expect(page.heard).to.deep.equal([
        {
          type: 'aniapi-token',
          detail: { accessToken: 't', expiresAt: null, returnTo: location.pathname + location.search },
        },
      ]);
      expect(page.location.hash).to.equal('');
      expect(page.location.href).to.equal(`${location.origin}/test/browser/fixtures/callback.html`);
    });

    it('fails with no_response when opened without a fragment', async () => {
      const { page } = await callbackPage('', '');
      expect(page.heard.map((h) => h.detail.code)).to.deep.equal(['no_response']);
      const status = page.document.querySelector('aniapi-callback')!.shadowRoot!.querySelector('[part=status]')!;
      expect(status.textContent).to.equal(
        'Sign-in failed. This page was opened without a sign-in response. This tab does not know where the sign-in started: go back to the site and sign in from there.',
      );
    });

    it('with auto-return really replaces the page with the recorded path', async () => {
      const state = startLogin({ returnTo: '/test/browser/fixtures/landing.html?back=1' });
      const frame = await openFrame(`/test/browser/fixtures/callback.html?auto-return#access_token=t&state=${state}`);
      await waitUntil(() => frame.contentWindow!.location.pathname.endsWith('/landing.html'), 'did not return');
      expect(frame.contentWindow!.location.href).to.equal(
        `${location.origin}/test/browser/fixtures/landing.html?back=1`,
      );
      expect(storedToken(sessionStorage)).to.equal('t');
    });

    it('with auto-return stays on the origin under a <base> that points to another one', async () => {
      // The way back is checked against the page's URL, so it must be followed against the page's URL too: a
      // relative path given to location.replace() would resolve against the document's <base>.
      const elsewhere = `${location.protocol}//127.0.0.1:${location.port}/elsewhere/`;
      const state = startLogin({ returnTo: '/test/browser/fixtures/landing.html?back=1' });
      const frame = await openFrame(
        `/test/browser/fixtures/callback.html?auto-return&base=${encodeURIComponent(elsewhere)}#access_token=t&state=${state}`,
      );
      const readable = () => {
        try {
          return frame.contentWindow!.location.href;
        } catch {
          return 'another origin';
        }
      };
      await waitUntil(() => !readable().includes('/callback.html'), 'did not return', { timeout: 3000 });
      expect(readable()).to.equal(`${location.origin}/test/browser/fixtures/landing.html?back=1`);
    });

    it('with auto-return to the same page under another fragment (a hash route), still ends the document that held the token', async () => {
      // location.replace() to the same URL with another fragment only scrolls: the callback document, whose
      // navigation entry keeps the token, would go on as the page the user returns to.
      const page = '/test/browser/fixtures/callback.html?auto-return';
      const state = startLogin({ returnTo: `${page}#/profile` });
      const frame = await openFrame(`${page}#access_token=t&state=${state}`);
      const callbackDocument = frame.contentDocument;
      await waitUntil(() => frame.contentWindow!.location.hash === '#/profile', 'did not return');
      await waitUntil(
        () => frame.contentDocument !== callbackDocument && frame.contentDocument?.readyState === 'complete',
        'the document that held the token is still the page',
        { timeout: 3000 },
      );
      const entry = frame.contentWindow!.performance.getEntriesByType('navigation')[0]!;
      expect(entry.name).to.equal(`${location.origin}${page}#/profile`);
      expect(storedToken(sessionStorage)).to.equal('t');
    });
  });
});
