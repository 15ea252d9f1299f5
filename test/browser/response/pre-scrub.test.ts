// The pre-scrub, dist/aniapi-scrub.js: as the first script of a page's <head>, it takes an
// OAuth response off the address bar and history.state before any other script runs, and
// keeps it in memory for the elements, which complete the login with it when they come.
// Each page is a same-origin iframe (this tab's sessionStorage, so a login started here
// completes there) whose scripts record what they saw where they ran and what the elements
// reported (fixtures/pre-scrub/record.js). The scrub it shares with the elements is tested
// here too, on this page's own address bar.
import { expect, waitUntil } from '@open-wc/testing';
import { scrubCallbackPage } from '../../../src/response/address-bar.js';
import { takeResponse } from '../../../src/response/response-stash.js';
import { logout } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, jwt, nextLoad, openFrame, startLogin, storedToken } from '../helpers.js';
import { OFFER, claimingTab } from '../popup-sign-in/popup-harness.js';

const PAGES = '/test/browser/fixtures/pre-scrub';
const TOKEN = jwt({ id: '42', exp: Math.floor(Date.now() / 1000) + 3600 });

/** What one script of the page saw: where it ran, the URL and history.state, as JSON. */
interface Seen {
  at: string;
  href: string;
  state: string;
}
type PageWindow = Window & {
  seen: Seen[];
  violations: string[];
  heard: { type: string; detail: Record<string, unknown> }[];
  inline?: true;
};

const pageOf = (frame: HTMLIFrameElement) => frame.contentWindow as PageWindow;

/** Opens the fixture `path` (with its query and fragment) and waits for its load event. */
async function open(path: string) {
  const frame = await openFrame(`${PAGES}/${path}`);
  return { frame, page: pageOf(frame) };
}

/** Opens a page with the elements and waits for the outcome they report. */
async function outcome(path: string) {
  const opened = await open(path);
  await waitUntil(() => opened.page.heard.length > 0, 'the page heard no outcome', { timeout: 6000 });
  return opened;
}

/**
 * Loads the elements into `page` as an app loads them on demand (already loaded, they are not
 * run again), adds an <aniapi-callback>, and returns what the page heard from then on.
 */
async function addCallback(page: PageWindow) {
  const before = page.heard.length;
  const script = page.document.createElement('script');
  script.type = 'module';
  script.src = '/dist/aniapi-elements.min.js';
  page.document.head.append(script);
  page.document.body.append(page.document.createElement('aniapi-callback'));
  await waitUntil(() => page.heard.length > before, 'the page heard no outcome', { timeout: 6000 });
  return page.heard.slice(before).map(({ type, detail }) => [type, detail.accessToken ?? detail.code]);
}

/** Expects every script of the page to have seen `href`, and neither the token nor the state anywhere in what it saw. */
function expectClean(page: PageWindow, href: string, places: string[], secrets: string[]) {
  expect(page.seen.map((seen) => [seen.at, seen.href])).to.deep.equal(places.map((at) => [at, href]));
  for (const seen of page.seen) {
    expect(seen.href).not.to.contain('#');
    for (const secret of ['access_token', TOKEN, ...secrets]) {
      expect(seen.href, `${seen.at}: the URL`).not.to.contain(secret);
      expect(seen.state, `${seen.at}: history.state`).not.to.contain(secret);
    }
  }
  expect(page.location.href).to.equal(href);
}

describe('the pre-scrub (aniapi-scrub.js)', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
  after(clearStorage);

  it('takes the response off the URL before the next script runs, and the elements complete the login', async () => {
    const state = startLogin();
    const fragment = `access_token=${TOKEN}&token_type=Bearer&state=${state}`;
    const { page } = await outcome(`callback.html#${fragment}`);
    expectClean(page, `${location.origin}${PAGES}/callback.html`, ['head', 'body', 'module'], [state]);
    expect(page.heard.map(({ type, detail }) => [type, detail.accessToken])).to.deep.equal([['aniapi-token', TOKEN]]);
    expect(storedToken(sessionStorage)).to.equal(TOKEN);
    // The element took the response: another one added now reports the same sign-in, where a response still
    // waiting would be checked again, and refused as used.
    expect(await addCallback(page)).to.deep.equal([['aniapi-token', TOKEN]]);
  });

  it('keeps the response for elements that a page without them loads later, which complete the login', async () => {
    const state = startLogin();
    const { page } = await open(`plain.html?page=1#access_token=${TOKEN}&state=${state}`);
    expectClean(page, `${location.origin}${PAGES}/plain.html?page=1`, ['head', 'body'], [state]);
    expect(await addCallback(page)).to.deep.equal([['aniapi-token', TOKEN]]);
    expect(storedToken(sessionStorage)).to.equal(TOKEN);
  });

  it('cleans history.state, where a router keeps the URL, before the next script runs', async () => {
    const { frame, page } = await open('plain.html');
    const path = `${PAGES}/plain.html`;
    const state = startLogin();
    const fragment = `access_token=${TOKEN}&state=${state}`;
    // As Vue Router keeps it (current, back; relative to its base in `base`), with other data left alone.
    const routerState = {
      back: '/shows',
      current: `${path}#${fragment}`,
      base: `/app#${fragment}`,
      position: 3,
      entries: [{ url: `${location.origin}${path}#${fragment}` }],
      when: new Date(0),
    };
    page.history.replaceState(routerState, '', `${path}#${fragment}`);
    // A reload keeps the history entry and its state: the pre-scrub runs first in the new document.
    const reloaded = nextLoad(frame);
    page.location.reload();
    await reloaded;
    const again = pageOf(frame);
    expectClean(again, `${location.origin}${path}`, ['head', 'body'], [state]);
    const clean = { ...routerState, current: path, base: '/app', entries: [{ url: `${location.origin}${path}` }] };
    expect(JSON.parse(again.seen[0]!.state)).to.deep.equal(JSON.parse(JSON.stringify(clean)));
    expect(Object.prototype.toString.call(again.history.state.when)).to.equal('[object Date]');
  });

  // What elements loaded later make of the address: an anchor is no response; a response in the query alone is the
  // elements' to take off and refuse.
  for (const [what, address, outcome] of [
    ['a skip link', '#main', 'no_response'],
    ['an anchor named like a parameter, without a value', '#error', 'no_response'],
    ['an anchor the parser calls malformed', '#caf%C3%A9', 'no_response'],
    [
      'response parameters in the query alone, on another page of the app',
      '?state=CA&code=1&scope=all#main',
      'malformed_response',
    ],
    ['response parameters in the query alone, without a fragment', '?access_token=x', 'malformed_response'],
  ]) {
    it(`leaves ${what} in the URL and keeps nothing for the elements`, async () => {
      const { page } = await open(`plain.html${address}`);
      const href = `${location.origin}${PAGES}/plain.html${address}`;
      expect(page.seen.map((seen) => [seen.at, seen.href])).to.deep.equal([
        ['head', href],
        ['body', href],
      ]);
      expect(page.location.href).to.equal(href);
      expect(await addCallback(page)).to.deep.equal([['aniapi-error', outcome]]);
    });
  }

  it('takes a response behind a path (#/cb?access_token=) as one', async () => {
    const { page } = await open(`plain.html#/cb?access_token=${TOKEN}`);
    expectClean(page, `${location.origin}${PAGES}/plain.html`, ['head', 'body'], []);
  });

  it('takes response parameters off the query too when the fragment is a response', async () => {
    const { page } = await open(`plain.html?page=1&code=c0de#access_token=${TOKEN}`);
    expectClean(page, `${location.origin}${PAGES}/plain.html?page=1`, ['head', 'body'], ['c0de']);
    // Kept as a response that came partly in the query, where servers and logs see it: the elements refuse it.
    expect(await addCallback(page)).to.deep.equal([['aniapi-error', 'malformed_response']]);
  });

  it('runs under a strict CSP with Trusted Types: no violation, a clean URL and a completed login', async () => {
    const policy = (await fetch(`${PAGES}/strict/callback.html`)).headers.get('content-security-policy');
    expect(policy).to.equal(
      "default-src 'self'; script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'",
    );
    const state = startLogin();
    const { page } = await outcome(`strict/callback.html#access_token=${TOKEN}&state=${state}`);
    expectClean(page, `${location.origin}${PAGES}/strict/callback.html`, ['head', 'body'], [state]);
    expect(page.heard.map(({ type, detail }) => [type, detail.accessToken])).to.deep.equal([['aniapi-token', TOKEN]]);
    // Violations are reported in a task of their own: give them time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(page.violations).to.deep.equal([]);
  });

  it('under that policy, a page that breaks it is heard breaking it (the control)', async () => {
    const { page } = await open(`strict/refused.html#access_token=${TOKEN}`);
    await waitUntil(() => page.violations.length > 0, 'no violation was heard');
    expect(page.inline).to.equal(undefined);
    expect(page.violations[0]).to.match(/^script-src/);
    expectClean(page, `${location.origin}${PAGES}/strict/refused.html`, ['head', 'body'], []);
  });

  it('leaves the popup hand-back working: the response goes to the tab that started its login', async () => {
    const tab = claimingTab(true);
    const token = aniapiToken();
    const fragment = `access_token=${token}&token_type=Bearer&state=${'h'.repeat(43)}`;
    try {
      const { page } = await outcome(`hand-back.html#${fragment}`);
      expectClean(page, `${location.origin}${PAGES}/hand-back.html`, ['head', 'body'], [token, 'h'.repeat(43)]);
      expect(tab.offers).to.deep.equal([{ type: OFFER, fragment: `#${fragment}` }]);
      expect(page.heard).to.deep.equal([{ type: 'aniapi-handed-back', detail: { popup: false } }]);
      expect(storedToken(sessionStorage)).to.equal(null);
    } finally {
      tab.close();
    }
  });
});

describe('scrubCallbackPage, the scrub of the pre-scrub and the elements', () => {
  const own = location.pathname + location.search;
  const ownState: unknown = history.state;
  afterEach(() => {
    takeResponse();
    history.replaceState(ownState, '', own);
  });

  it('rewrites every string of history.state: through cycles and own __proto__ keys, holes kept, non-plain objects as they are', () => {
    const fragment = `#access_token=${TOKEN}&state=${'c'.repeat(43)}`;
    const dirty = `${location.origin}${own}${fragment}`;
    const list: unknown[] = ['x'];
    list[2] = dirty;
    const state: Record<string, unknown> = {
      current: own + fragment,
      list,
      map: new Map([['url', dirty]]),
      when: new Date(0),
      nested: { deeper: [{ hash: fragment }] },
    };
    state.self = state;
    Object.defineProperty(state, '__proto__', { value: { url: dirty }, enumerable: true, writable: true });
    history.replaceState(state, '', own + fragment);
    expect(scrubCallbackPage()).to.equal(true);
    const clean = `${location.origin}${own}`;
    expect(location.href).to.equal(clean);
    const cleaned = history.state;
    expect(Object.getPrototypeOf(cleaned)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')!.value).to.deep.equal({ url: clean });
    expect(cleaned.current).to.equal(own);
    expect(cleaned.self).to.equal(cleaned);
    const { list: kept } = cleaned;
    expect([kept.length, 1 in kept, kept[0], kept[2]]).to.deep.equal([3, false, 'x', clean]);
    expect(cleaned.nested).to.deep.equal({ deeper: [{ hash: '' }] });
    expect(cleaned.when).to.be.an.instanceOf(Date);
    expect(cleaned.map.get('url')).to.equal(dirty);
    expect(takeResponse()).to.deep.equal({ fragment, inQuery: false });
  });

  it('for the elements, takes a response in the query alone off the URL, a name behind a separator too, to be refused', () => {
    history.replaceState(ownState, '', `${own}&access_token=${TOKEN}&x%2Fstate=s#main`);
    expect(scrubCallbackPage()).to.equal(true);
    expect(location.href).to.equal(`${location.origin}${own}`);
    expect(takeResponse()).to.deep.equal({ fragment: '#main', inQuery: true });
  });

  it('for the pre-scrub, leaves a response in the query alone where it is', () => {
    const address = `${own}&state=CA&code=1#main`;
    history.replaceState(ownState, '', address);
    expect(scrubCallbackPage(true)).to.equal(false);
    expect(location.href).to.equal(`${location.origin}${address}`);
    expect(takeResponse()).to.equal(undefined);
  });

  it('leaves a page without a fragment or a query response alone', () => {
    expect(scrubCallbackPage(true)).to.equal(false);
    expect(scrubCallbackPage()).to.equal(false);
    expect(location.href).to.equal(`${location.origin}${own}`);
    expect(takeResponse()).to.equal(undefined);
  });
});
