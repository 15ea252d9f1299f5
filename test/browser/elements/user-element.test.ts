import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { AniapiUserElement, AniapiUserStatus } from '../../../src/elements/user-element.js';
import { imageUrl, MAX_DATA_AVATAR_LENGTH } from '../../../src/elements/avatar-url.js';
import type { AniapiUser } from '../../../src/http/fetch-user.js';
import type { SessionChangeReason } from '../../../src/token/token-store.js';
import { getToken, logout, onChange, setToken } from '../../../src/token/token-store.js';
import '../../../src/user.js';
import { aniapiToken, clearStorage, collectEvents, jwt, otherTabWrites, storedToken } from '../helpers.js';

const API = 'http://127.0.0.1:8765';
const AVATAR = 'data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%201%201%22/%3E';
const DEMO: AniapiUser = {
  id: 1,
  username: 'demo',
  email: 'demo@aniapi.test',
  email_verified: true,
  role: 0,
  gender: 0,
  avatar: AVATAR,
  has_anilist: true,
  has_mal: false,
};
const ANN: AniapiUser = { ...DEMO, id: 2, username: 'ann', email: 'ann@aniapi.test' };
const BUSY = 'Could not load the signed-in user. AniAPI is busy with too many requests; try again shortly.';

/** AniAPI's answer to `GET /v1/auth/me` for `user`. */
const hi = (user: AniapiUser) => ({ status_code: 200, message: `Hi ${user.username}`, data: user, version: '1' });

interface Request {
  url: string;
  authorization: string;
  answer(status: number, body: unknown, headers?: Record<string, string>): void;
  fail(): void;
}

/**
 * AniAPI as the element's fetch reaches it: each request waits until the test
 * answers it (in any order), or `auto` answers it as it comes.
 */
function aniapi(auto?: (request: Request) => void) {
  const asked: Request[] = [];
  const fetch = (url: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const request: Request = {
        url: String(url),
        authorization: (init.headers as Record<string, string>).Authorization!,
        answer: (status, body, headers = {}) => resolve(new Response(JSON.stringify(body), { status, headers })),
        fail: () => reject(new TypeError('Failed to fetch')),
      };
      asked.push(request);
      auto?.(request);
    });
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

/** An AniAPI that knows `user` behind every token. */
const knowing = (user: AniapiUser) => aniapi((request) => request.answer(200, hi(user)));

function card(fetch: typeof globalThis.fetch, content: TemplateResult = html``, apiBase = API) {
  return fixture<AniapiUserElement>(html`<aniapi-user api-base=${apiBase} .fetch=${fetch}>${content}</aniapi-user>`);
}

/** Waits until the card shows `status`, and has rendered it. */
async function until(element: AniapiUserElement, status: AniapiUserStatus): Promise<void> {
  await waitUntil(() => element.status === status, `never ${status}, still ${element.status}`);
  await element.updateComplete;
}

/** The text a sighted reader sees in the card: its shown view, slotted content in place of defaults. */
function seen(element: AniapiUserElement): string {
  const text = (node: Node): string => {
    if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(text).join(' ');
    if (node instanceof Element)
      return node.checkVisibility() && node.getAttribute('role') !== 'status'
        ? [...node.childNodes].map(text).join(' ')
        : '';
    return node.textContent ?? '';
  };
  return [...element.shadowRoot!.childNodes].map(text).join(' ').replace(/\s+/g, ' ').trim();
}

/** The parts a sighted reader sees, in document order. */
const shownParts = (element: AniapiUserElement) =>
  [...element.shadowRoot!.querySelectorAll('[part]')]
    .filter((node) => node.checkVisibility())
    .map((node) => node.getAttribute('part'));

const part = (element: AniapiUserElement, name: string) => element.shadowRoot!.querySelector(`[part=${name}]`);

/** What the polite live region holds for a screen reader to announce. */
function liveRegion(element: AniapiUserElement): HTMLElement {
  const regions = element.shadowRoot!.querySelectorAll<HTMLElement>('[role=status]');
  expect(regions.length).to.equal(1);
  expect(regions[0]!.getAttribute('aria-live') ?? 'polite').to.equal('polite');
  return regions[0]!;
}

const states = (element: AniapiUserElement) =>
  ['loading', 'signed-in', 'signed-out', 'error'].filter((name) => element.matches(`:state(${name})`));

describe('<aniapi-user>', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('shows the signed-in user: avatar and name in their parts, :state(signed-in), and an aniapi-user event', async () => {
    const token = aniapiToken();
    setToken(token);
    const { fetch, asked } = knowing(DEMO);
    const { events, stop } = collectEvents();
    const element = await card(fetch);
    await until(element, 'signed-in');
    stop();
    expect(asked.map((r) => [r.url, r.authorization])).to.deep.equal([[`${API}/v1/auth/me`, `Bearer ${token}`]]);
    expect(seen(element)).to.equal('demo');
    expect(shownParts(element)).to.deep.equal(['user', 'avatar', 'name']);
    const avatar = part(element, 'avatar') as HTMLImageElement;
    expect([avatar.localName, avatar.getAttribute('src'), avatar.getAttribute('alt')]).to.deep.equal([
      'img',
      AVATAR,
      '',
    ]);
    expect(states(element)).to.deep.equal(['signed-in']);
    expect([element.status, element.user]).to.deep.equal(['signed-in', DEMO]);
    expect(events.map((e) => [e.type, e.detail, e.bubbles, e.composed])).to.deep.equal([
      ['aniapi-user', { user: DEMO }, true, true],
    ]);
    // Shown as the page loads, the name is read with the page: nothing to announce.
    expect(liveRegion(element).textContent).to.equal('');
    await expect(element).to.be.accessible();
  });

  it('sends the token nowhere until api-base is set, then asks that server', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = knowing(DEMO);
    const element = await fixture<AniapiUserElement>(html`<aniapi-user .fetch=${fetch}></aniapi-user>`);
    expect(element.status).to.equal('loading');
    expect(asked).to.deep.equal([]);
    // As a framework binding it a little after connecting would.
    element.apiBase = API;
    await waitUntil(() => element.status === 'signed-in');
    expect(asked.map((r) => r.url)).to.deep.equal([`${API}/v1/auth/me`]);
  });

  it('reports a missing api-base as invalid_config once the page has loaded, asking nothing', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const { events, stop } = collectEvents();
    const element = await fixture<AniapiUserElement>(html`<aniapi-user .fetch=${fetch}></aniapi-user>`);
    await waitUntil(() => events.length > 0, 'no error');
    stop();
    expect(events.map((e) => [e.type, e.detail.code, e.detail.message])).to.deep.equal([
      ['aniapi-error', 'invalid_config', 'api-base is required: the AniAPI server to ask.'],
    ]);
    expect(element.status).to.equal('error');
    expect(asked).to.deep.equal([]);
  });

  it('says "Not signed in." and asks nothing when signed out', async () => {
    const { fetch, asked } = knowing(DEMO);
    const element = await card(fetch);
    expect(seen(element)).to.equal('Not signed in.');
    expect(shownParts(element)).to.deep.equal(['signed-out']);
    expect([element.status, element.user, states(element)]).to.deep.equal(['signed-out', null, ['signed-out']]);
    expect(asked).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('says "Loading…" until AniAPI answers', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    expect(seen(element)).to.equal('Loading…');
    expect(shownParts(element)).to.deep.equal(['loading']);
    expect([element.status, element.user, states(element)]).to.deep.equal(['loading', null, ['loading']]);
    await expect(element).to.be.accessible();
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    expect(seen(element)).to.equal('demo');
  });

  it('follows setToken and logout in this page: fetches and announces the new user, forgets them without asking', async () => {
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    const token = aniapiToken();
    setToken(token);
    await until(element, 'loading');
    expect(asked.map((r) => r.authorization)).to.deep.equal([`Bearer ${token}`]);
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    expect(seen(element)).to.equal('demo');
    expect(liveRegion(element).textContent).to.equal('Signed in as demo');

    logout();
    await until(element, 'signed-out');
    expect(seen(element)).to.equal('Not signed in.');
    expect(element.user).to.equal(null);
    expect(liveRegion(element).textContent).to.equal('');
    expect(part(element, 'avatar')).to.equal(null);
    expect(asked).to.have.length(1);
  });

  it('follows a login and a logout in another tab that shares the store', async () => {
    const { fetch, asked } = knowing(ANN);
    const element = await card(fetch);
    const token = aniapiToken();
    otherTabWrites(token);
    await until(element, 'signed-in');
    expect(asked.map((r) => r.authorization)).to.deep.equal([`Bearer ${token}`]);
    expect([seen(element), liveRegion(element).textContent]).to.deep.equal(['ann', 'Signed in as ann']);
    otherTabWrites(null);
    await until(element, 'signed-out');
    expect(seen(element)).to.equal('Not signed in.');
  });

  it('never shows an answer that a newer session overtook, whichever answer comes first', async () => {
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    const { events, stop } = collectEvents();
    setToken(jwt({ id: '1' }));
    setToken(jwt({ id: '2' }));
    setToken(jwt({ id: '3' }));
    expect(asked).to.have.length(3);
    // The newest first, then the two old ones late: demo stays.
    asked[2]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    asked[0]!.answer(200, hi(ANN));
    asked[1]!.fail();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect([seen(element), element.user?.username, element.status]).to.deep.equal(['demo', 'demo', 'signed-in']);

    // An old answer first: still loading, then the newest.
    setToken(jwt({ id: '4' }));
    setToken(jwt({ id: '5' }));
    asked[3]!.answer(200, hi(ANN));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect([seen(element), element.status]).to.deep.equal(['Loading…', 'loading']);
    asked[4]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    stop();
    expect(seen(element)).to.equal('demo');
    expect(events.map((e) => [e.type, e.detail.user?.username])).to.deep.equal([
      ['aniapi-user', 'demo'],
      ['aniapi-user', 'demo'],
    ]);
  });

  it('drops an answer that arrives after logout', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    logout();
    await until(element, 'signed-out');
    asked[0]!.answer(200, hi(DEMO));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect([seen(element), element.status, element.user]).to.deep.equal(['Not signed in.', 'signed-out', null]);
  });

  it('shows signed-out on a 401: the session is cleared and its listeners hear "unauthorized"', async () => {
    setToken(aniapiToken(), 'local');
    const reasons: SessionChangeReason[] = [];
    const stopListening = onChange((_session, reason) => reasons.push(reason));
    const { events, stop } = collectEvents();
    const element = await card(
      aniapi((r) =>
        r.answer(401, {
          status_code: 401,
          message: 'Unauthorized',
          data: 'Invalid Authorization header',
          version: '1',
        }),
      ).fetch,
    );
    await until(element, 'signed-out');
    stop();
    stopListening();
    expect(seen(element)).to.equal('Not signed in.');
    expect([getToken(), storedToken(localStorage), reasons]).to.deep.equal([null, null, ['unauthorized']]);
    expect(events.map((e) => e.type)).to.deep.equal([]);
  });

  it('on a 429 shows and announces why, fires aniapi-error, keeps the session, and refresh() recovers', async () => {
    const token = aniapiToken();
    setToken(token);
    const { fetch, asked } = aniapi();
    const { events, stop } = collectEvents();
    const element = await card(fetch);
    const before = Date.now();
    asked[0]!.answer(
      429,
      { status_code: 429, message: 'Too many requests', data: 'x', version: '1' },
      { 'X-RateLimit-Reset': '30' },
    );
    await until(element, 'error');
    expect(seen(element)).to.equal(BUSY);
    expect(shownParts(element)).to.deep.equal(['error']);
    expect([states(element), element.user]).to.deep.equal([['error'], null]);
    expect(liveRegion(element).textContent).to.equal(BUSY);
    await expect(element).to.be.accessible();
    const [event, ...others] = events;
    expect(others).to.deep.equal([]);
    expect([event!.type, event!.bubbles, event!.composed, event!.detail.code, event!.detail.message]).to.deep.equal([
      'aniapi-error',
      true,
      true,
      'rate_limited',
      'AniAPI is busy with too many requests; try again shortly.',
    ]);
    expect(event!.detail.retryAt).to.be.within(before + 30_000, Date.now() + 30_000);
    expect(getToken()).to.equal(token);

    const refreshed = element.refresh();
    asked[1]!.answer(200, hi(DEMO));
    await refreshed;
    stop();
    expect([element.status, seen(element), liveRegion(element).textContent]).to.deep.equal([
      'signed-in',
      'demo',
      'Signed in as demo',
    ]);
  });

  it('reports a bad api-base as invalid_config and never sends the token there', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = knowing(DEMO);
    const { events, stop } = collectEvents();
    const element = await card(fetch, html``, 'http://aniapi.example');
    await until(element, 'error');
    stop();
    const message = 'apiBase must be an absolute https URL (http on localhost) with no fragment.';
    expect(asked).to.deep.equal([]);
    expect(events.map((e) => e.detail)).to.deep.equal([{ code: 'invalid_config', message }]);
    expect(seen(element)).to.equal(`Could not load the signed-in user. ${message}`);
  });

  it('reports an AniAPI it cannot reach as network_error', async () => {
    setToken(aniapiToken());
    const { events, stop } = collectEvents();
    const element = await card(aniapi((r) => r.fail()).fetch);
    await until(element, 'error');
    stop();
    expect(events.map((e) => e.detail.code)).to.deep.equal(['network_error']);
    expect(seen(element)).to.match(/^Could not load the signed-in user\. AniAPI could not be reached/);
  });

  it('asks the new server when api-base changes', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = knowing(DEMO);
    const element = await card(fetch);
    await until(element, 'signed-in');
    element.apiBase = 'https://aniapi.example/';
    await element.updateComplete;
    await until(element, 'signed-in');
    expect(asked.map((r) => r.url)).to.deep.equal([`${API}/v1/auth/me`, 'https://aniapi.example/v1/auth/me']);
  });

  it('loads no avatar from a javascript:, plain-http or non-image URL, and none for a user without one', async () => {
    for (const avatar of [
      'javascript:alert(1)',
      'http://avatars.example/a.png',
      'data:text/html,<script>alert(1)</script>',
      undefined,
    ]) {
      logout();
      const user = { ...DEMO };
      if (avatar === undefined) delete user.avatar;
      else user.avatar = avatar;
      setToken(aniapiToken());
      const element = await card(knowing(user).fetch);
      await until(element, 'signed-in');
      expect(element.shadowRoot!.querySelectorAll('img'), String(avatar)).to.have.length(0);
      expect(shownParts(element)).to.deep.equal(['user', 'name']);
      await expect(element).to.be.accessible();
    }
  });

  it('drops the avatar of the last user when the next has none', async () => {
    setToken(jwt({ id: '1' }));
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    expect(part(element, 'avatar')?.getAttribute('src')).to.equal(AVATAR);
    setToken(jwt({ id: '2' }));
    const plain = { ...ANN };
    delete plain.avatar;
    asked[1]!.answer(200, hi(plain));
    await waitUntil(() => element.user?.username === 'ann');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect(seen(element)).to.equal('ann');
  });

  it('shows a username as text, never as markup, and announces it as written', async () => {
    const username = '<img src=x onerror="window.injected=1">$& {name}';
    const element = await card(knowing({ ...DEMO, username }).fetch);
    setToken(aniapiToken());
    await until(element, 'signed-in');
    expect(part(element, 'name')!.textContent).to.equal(username);
    expect(element.shadowRoot!.querySelectorAll('img')).to.have.length(1);
    expect(liveRegion(element).textContent).to.equal(`Signed in as ${username}`);
    expect((window as { injected?: number }).injected).to.equal(undefined);
  });

  it('lets slotted content replace the defaults, and shows the default slot beside the name', async () => {
    const content = html`<span slot="loading">Fetching…</span><a slot="signed-out" href="/login">Please sign in</a
      ><span slot="error">Try later</span><button>Log out</button>`;
    const { fetch, asked } = aniapi();
    const element = await card(fetch, content);
    expect(seen(element)).to.equal('Please sign in');
    await expect(element).to.be.accessible();
    setToken(aniapiToken());
    await until(element, 'loading');
    expect(seen(element)).to.equal('Fetching…');
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    expect(seen(element)).to.equal('demo Log out');
    expect(element.querySelector('button')!.checkVisibility()).to.equal(true);
    await expect(element).to.be.accessible();
    const refreshed = element.refresh();
    asked[1]!.answer(429, { status_code: 429 });
    await refreshed;
    expect(seen(element)).to.equal('Try later');
    expect(element.querySelector('button')!.checkVisibility()).to.equal(false);
  });

  it('keeps a view of another state hidden when the page styles the parts', async () => {
    const style = document.createElement('style');
    style.textContent =
      'aniapi-user::part(user), aniapi-user::part(loading), aniapi-user::part(error) { display: flex; }';
    document.head.append(style);
    try {
      const element = await card(knowing(DEMO).fetch);
      expect(shownParts(element)).to.deep.equal(['signed-out']);
    } finally {
      style.remove();
    }
  });

  it('says each change in its live region once: unchanged words are not set again', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(liveRegion(element), { childList: true, characterData: true, subtree: true });
    for (let i = 0; i < 2; i++) {
      const refreshed = element.refresh();
      asked.at(-1)!.answer(429, { status_code: 429 });
      await refreshed;
    }
    expect(liveRegion(element).textContent).to.equal(BUSY);
    for (let i = 0; i < 2; i++) {
      const refreshed = element.refresh();
      asked.at(-1)!.answer(200, hi(DEMO));
      await refreshed;
    }
    await Promise.resolve();
    observer.disconnect();
    expect(liveRegion(element).textContent).to.equal('Signed in as demo');
    // One change to the failure, one to the name: each said once.
    expect(changes.flatMap((record) => [...record.addedNodes].map((node) => node.textContent))).to.deep.equal([
      BUSY,
      'Signed in as demo',
    ]);
  });

  it('neither asks nor shows while disconnected, and asks afresh when connected again', async () => {
    setToken(jwt({ id: '1' }));
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    const parent = element.parentElement!;
    element.remove();
    asked[0]!.answer(200, hi(DEMO));
    setToken(jwt({ id: '2' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([asked.length, element.status]).to.deep.equal([1, 'loading']);
    parent.append(element);
    await element.updateComplete;
    expect(asked.map((r) => r.authorization)).to.deep.equal([
      `Bearer ${jwt({ id: '1' })}`,
      `Bearer ${jwt({ id: '2' })}`,
    ]);
    asked[1]!.answer(200, hi(ANN));
    await until(element, 'signed-in');
    expect(seen(element)).to.equal('ann');
  });

  it('shows signed-out when the token expires, with no other element on the page to notice', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    setToken(jwt({ id: '42', exp }));
    const element = await card(knowing(DEMO).fetch);
    await until(element, 'signed-in');
    await waitUntil(() => element.status === 'signed-out', 'still signed in after exp', { timeout: 4000 });
    await element.updateComplete;
    expect(Date.now()).to.be.at.least(exp * 1000);
    expect([seen(element), getToken()]).to.deep.equal(['Not signed in.', null]);
  });

  it('shows only the fields of the right type, with no name and no "Signed in as" for a username that is not a string, and keeps working', async () => {
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    const { events, stop } = collectEvents();
    setToken(aniapiToken());
    await until(element, 'loading');
    asked[0]!.answer(200, {
      status_code: 200,
      message: 'Hi',
      data: { ...DEMO, username: { toString: 1, valueOf: 1 }, email: 42, role: '2' },
      version: '1',
    });
    await until(element, 'signed-in');
    const cleaned: Partial<AniapiUser> = { ...DEMO };
    delete cleaned.username;
    delete cleaned.email;
    delete cleaned.role;
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([['aniapi-user', { user: cleaned }]]);
    expect([element.status, element.user, states(element)]).to.deep.equal(['signed-in', cleaned, ['signed-in']]);
    expect(shownParts(element)).to.deep.equal(['user', 'avatar', 'name']);
    expect([part(element, 'name')!.textContent, seen(element), liveRegion(element).textContent]).to.deep.equal([
      '',
      '',
      '',
    ]);

    // Later renders still work.
    const refreshed = element.refresh();
    asked[1]!.answer(200, hi(DEMO));
    await refreshed;
    stop();
    expect([seen(element), liveRegion(element).textContent, element.user]).to.deep.equal([
      'demo',
      'Signed in as demo',
      DEMO,
    ]);
  });

  it('gives up on an AniAPI that never answers after 10 seconds: refresh() settles on the error view and aniapi-error network_error', async function () {
    this.timeout(20_000);
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    const { events, stop } = collectEvents();
    const started = Date.now();
    let settled = false;
    // AniAPI never answers this one.
    const refreshed = element.refresh().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    expect([settled, element.status, seen(element)]).to.deep.equal([false, 'loading', 'Loading…']);
    await Promise.race([
      refreshed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('refresh() still pending 13 s on')), 4_000)),
    ]);
    stop();
    expect(Date.now() - started).to.be.at.least(9_900);
    const failure =
      'Could not load the signed-in user. AniAPI could not be reached, or answered in a way this page cannot read.';
    expect([
      element.status,
      states(element),
      element.user,
      seen(element),
      liveRegion(element).textContent,
    ]).to.deep.equal(['error', ['error'], null, failure, failure]);
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'network_error']]);
    expect(asked).to.have.length(2);
  });

  it('loads no data: avatar longer than 64 KiB, such as a 30 MB one, and still shows the user', async () => {
    setToken(aniapiToken());
    const huge = `data:image/png;base64,${'A'.repeat(30 * 1024 * 1024)}`;
    const { events, stop } = collectEvents();
    const element = await card(knowing({ ...DEMO, avatar: huge }).fetch);
    await until(element, 'signed-in');
    stop();
    expect([shownParts(element), seen(element), events.map((e) => e.type)]).to.deep.equal([
      ['user', 'name'],
      'demo',
      ['aniapi-user'],
    ]);
    expect(element.shadowRoot!.querySelectorAll('img').length).to.equal(0);
  });

  it('loads an avatar on this machine on a page that is on this machine too', async () => {
    expect(['localhost', '127.0.0.1', '[::1]']).to.include(location.hostname);
    const avatar = `${location.origin}/a.png`;
    setToken(aniapiToken());
    const element = await card(knowing({ ...DEMO, avatar }).fetch);
    await until(element, 'signed-in');
    expect(part(element, 'avatar')?.getAttribute('src')).to.equal(avatar);
  });
});

describe('imageUrl', () => {
  const REMOTE = new URL('https://app.example/profile');
  const HOME_PAGES = ['http://localhost:8000/', 'http://127.0.0.1:3000/', 'http://[::1]/'].map((href) => new URL(href));

  it('takes https, http on this machine and data:image/ URLs, as URLs', () => {
    expect(
      [
        'https://s4.anilist.co/a.png',
        'http://localhost:8765/a.png',
        'http://127.0.0.1/a.png',
        'http://[::1]/a.png',
        'data:image/png;base64,iVBORw0KGgo=',
        'DATA:Image/svg+xml,%3Csvg/%3E',
      ].map((value) => imageUrl(value, HOME_PAGES[0]!)),
    ).to.deep.equal([
      'https://s4.anilist.co/a.png',
      'http://localhost:8765/a.png',
      'http://127.0.0.1/a.png',
      'http://[::1]/a.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:Image/svg+xml,%3Csvg/%3E',
    ]);
  });

  it('refuses every other scheme, host or form', () => {
    const refused = [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'vbscript:msgbox(1)',
      'http://avatars.example/a.png',
      'http://localhost.example/a.png',
      'data:text/html,<script>alert(1)</script>',
      'data:,image/png',
      'blob:https://app.example/0',
      'file:///etc/passwd',
      'ftp://host/a.png',
      '/avatar.png',
      '//cdn.example/a.png',
      'avatar.png',
      '',
      42,
      null,
      undefined,
      { toString: () => 'https://a.example/' },
    ];
    for (const page of [REMOTE, ...HOME_PAGES])
      expect(
        refused.map((value) => imageUrl(value, page)),
        page.href,
      ).to.deep.equal(refused.map(() => null));
  });

  it('refuses an avatar on this machine unless the page is on this machine too', () => {
    const loopback = [
      'http://localhost:8765/a.png',
      'https://localhost/a.png',
      'https://LOCALHOST./a.png',
      'https://app.localhost/a.png',
      'http://127.0.0.1/a.png',
      'https://127.0.0.1/a.png',
      'https://127.1/a.png',
      'https://2130706433/a.png',
      'https://0x7f000001/a.png',
      'https://127.42.0.9/a.png',
      'http://[::1]/a.png',
      'https://[0:0:0:0:0:0:0:1]/a.png',
      'https://[::ffff:127.0.0.1]/a.png',
      'https://0.0.0.0/a.png',
      'https://[::]/a.png',
    ];
    expect(loopback.map((value) => imageUrl(value, REMOTE))).to.deep.equal(loopback.map(() => null));
    const atHome = [
      'http://localhost:8765/a.png',
      'https://app.localhost/a.png',
      'http://127.0.0.1/a.png',
      'https://127.42.0.9/a.png',
      'http://[::1]/a.png',
    ];
    for (const page of HOME_PAGES)
      expect(
        atHome.map((value) => imageUrl(value, page)),
        page.href,
      ).to.deep.equal(atHome);
    // Names that only look like this machine are other hosts.
    const elsewhere = [
      'https://localhost.example/a.png',
      'https://notlocalhost/a.png',
      'https://1.27.0.1/a.png',
      'https://[2001:db8::1]/a.png',
    ];
    expect(elsewhere.map((value) => imageUrl(value, REMOTE))).to.deep.equal(elsewhere);
  });

  it('takes a data: avatar of up to 64 KiB of URL text, and refuses a longer one', () => {
    const DATA_MAX = MAX_DATA_AVATAR_LENGTH;
    expect(DATA_MAX).to.equal(64 * 1024);
    const prefix = 'data:image/png;base64,';
    const longest = prefix + 'A'.repeat(DATA_MAX - prefix.length);
    expect(imageUrl(longest, REMOTE) === longest).to.equal(true);
    // Lengths, so that a failure does not print the URL.
    expect(
      [`${longest}A`, `${prefix}${'A'.repeat(30 * 1024 * 1024)}`].map(
        (value) => imageUrl(value, REMOTE)?.length ?? null,
      ),
    ).to.deep.equal([null, null]);
    // The text that would be loaded counts: each "é" becomes the six characters "%C3%A9".
    const short = `data:image/svg+xml,${'é'.repeat(DATA_MAX / 4)}`;
    expect([short.length < DATA_MAX, imageUrl(short, REMOTE)?.length ?? null]).to.deep.equal([true, null]);
  });
});
