// What <aniapi-user> shows and says: each state in its parts and custom states, the
// avatar, slotted content, what its live region announces, and how it follows the session.
import { expect, html, waitUntil } from '@open-wc/testing';
import { logout, setToken, getToken } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, collectEvents, jwt, otherTabWrites, part } from '../helpers.js';
import {
  ANN,
  API,
  AVATAR,
  BUSY,
  DEMO,
  aniapi,
  card,
  hi,
  knowing,
  liveRegion,
  seen,
  shownParts,
  states,
  until,
} from './user-harness.js';

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
  });

  it('says "Not signed in." and asks nothing when signed out', async () => {
    const { fetch, asked } = knowing(DEMO);
    const element = await card(fetch);
    expect(seen(element)).to.equal('Not signed in.');
    expect(shownParts(element)).to.deep.equal(['signed-out']);
    expect([element.status, element.user, states(element)]).to.deep.equal(['signed-out', null, ['signed-out']]);
    expect(asked).to.deep.equal([]);
  });

  it('says "Loading…" until AniAPI answers', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    const element = await card(fetch);
    expect(seen(element)).to.equal('Loading…');
    expect(shownParts(element)).to.deep.equal(['loading']);
    expect([element.status, element.user, states(element)]).to.deep.equal(['loading', null, ['loading']]);
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
    setToken(aniapiToken());
    await until(element, 'loading');
    expect(seen(element)).to.equal('Fetching…');
    asked[0]!.answer(200, hi(DEMO));
    await until(element, 'signed-in');
    expect(seen(element)).to.equal('demo Log out');
    expect(element.querySelector('button')!.checkVisibility()).to.equal(true);
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
