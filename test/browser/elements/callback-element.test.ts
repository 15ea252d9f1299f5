import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import { getToken, logout, setToken } from '../../../src/token/token-store.js';
import { arrive, completeWith, expectFailure } from '../callback-harness.js';
import { stashedResponse } from '../../../src/response/response-stash.js';
import {
  aniapiToken,
  clearStorage,
  collectEvents,
  jwt,
  keysOf,
  openFrame,
  startLogin,
  storedToken,
  TOKEN_KEY,
} from '../helpers.js';

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
    expect([element.matches(':state(signed-in)'), element.matches(':state(error)')]).to.deep.equal([true, false]);
    expect(
      element
        .getAttributeNames()
        .map((name) => element.getAttribute(name))
        .join(' '),
    ).not.to.contain(token);
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

  it('keeps the token in the default store when store is undefined, as a framework sets a prop left out', async () => {
    const token = aniapiToken();
    await arrive(`access_token=${token}&state=${startLogin()}`);
    const element = document.createElement('aniapi-callback');
    (element as { store: unknown }).store = undefined;
    document.body.append(element);
    await element.updateComplete;
    expect(element.result?.ok).to.equal(true);
    expect(storedToken(sessionStorage)).to.equal(token);
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
    await expectFailure(`access_token=${aniapiToken()}&state=${changed}`, 'state_mismatch');
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
