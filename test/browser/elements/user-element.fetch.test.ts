// <aniapi-user> asking AniAPI: where it sends the token and when, the answers it drops,
// and each failure it reports (401, 429, an unreachable or silent server, a bad api-base,
// fields of the wrong type).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiUser } from '../../../src/http/fetch-user.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import type { SessionChangeReason } from '../../../src/token/token-store.js';
import { getToken, logout, onChange, setToken } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, collectEvents, jwt, part, storedToken } from '../helpers.js';
import {
  ANN,
  API,
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

describe('<aniapi-user> asking AniAPI', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

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
});
