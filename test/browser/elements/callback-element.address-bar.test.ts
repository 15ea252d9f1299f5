// <aniapi-callback> and the address bar: it takes the response off the URL and
// history.state before it reports, takes what counts as a response (src/response/address-bar.ts)
// when the address bar changes later in the same document, and leaves every other anchor alone.
import { expect, waitUntil } from '@open-wc/testing';
import { getToken, logout } from '../../../src/token/token-store.js';
import { arrive, completeWith } from '../callback-harness.js';
import { aniapiToken, clearStorage, collectEvents, startLogin } from '../helpers.js';

describe('<aniapi-callback> and the address bar', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

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

  it('removes the response from history.state where a hash-mode router keeps the route without its #', async () => {
    const token = aniapiToken();
    // Vue Router's hash history: the route in the fragment, and in history.state without the `#`.
    const route = `/access_token=${token}&state=${startLogin()}`;
    await arrive(route);
    history.replaceState({ back: '/', current: route, position: 1 }, '', location.href);
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    expect(location.hash).to.equal('');
    expect(history.state).to.deep.equal({ back: '/', current: '', position: 1 });
    await element.updateComplete;
    element.remove();
  });

  it('leaves the rest of history.state alone when the response came in the query, beside an anchor', async () => {
    const own = location.search;
    await arrive('a', `${own}&access_token=${aniapiToken()}&state=${startLogin()}`);
    history.replaceState({ back: '/shows/banana', label: 'data' }, '', location.href);
    const element = document.createElement('aniapi-callback');
    document.body.append(element);
    expect(location.search).to.equal(own);
    expect(history.state).to.deep.equal({ back: '/shows/banana', label: 'data' });
    await element.updateComplete;
    element.remove();
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

  // A single-page app's own entries may have such a query (`?state=CA`, `?code=`); no response comes that way: in the
  // same document a new response arrives as a fragment, and one in the query needs a new document.
  for (const [how, reach] of [
    [
      'Back returns to',
      async (_element: HTMLElement, page: string, entry: string) => {
        history.pushState({ route: 'filtered' }, '', entry);
        history.pushState({ route: 'next' }, '', page);
        const popped = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
        history.back();
        await popped;
      },
    ],
    [
      'it is moved in the page on',
      async (element: HTMLElement, _page: string, entry: string) => {
        history.pushState({ route: 'filtered' }, '', entry);
        element.remove();
        document.body.append(element);
      },
    ],
  ] as const) {
    it(`leaves alone an entry of the app with a query named like a response parameter that ${how}`, async () => {
      const { element, status } = await completeWith(`access_token=t&state=${startLogin()}`);
      const page = location.pathname + location.search;
      const waiting = startLogin();
      const { events, stop } = collectEvents();
      await reach(element, page, `${page}${location.search ? '&' : '?'}state=CA&page=2`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      stop();
      const search = location.search;
      element.remove();
      history.replaceState(history.state, '', page);
      expect(search).to.contain('state=CA');
      expect(events.map((e) => e.type)).to.deep.equal([]);
      expect(element.result?.ok).to.equal(true);
      expect(status.textContent).to.equal('Signed in.');
      expect(sessionStorage.getItem(`aniapi-elements.pending.${waiting}`)).not.to.equal(null);
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
});
