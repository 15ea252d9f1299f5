// A token goes only where it came from: the origin of the authorize URL that issued it, unless the app allows another
// from script (security round 3, point 3; RFC 6750 §5.1, RFC 9700's audience restriction).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiError } from '../../../src/oauth/errors.js';
import { fetchUser } from '../../../src/http/fetch-user.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import '../../../src/user.js';
import { completeLogin } from '../../../src/response/complete-login.js';
import { getSession, getToken, logout, setToken } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, collectEvents, DEMO_USER, pageAt, rejection, startLogin } from '../helpers.js';

/** The authorize URL's origin in `startLogin()`: the token's issuer. */
const ISSUER = 'http://localhost:8080';
const ELSEWHERE = 'http://127.0.0.1:9999';

/** A fetch that answers every request with the demo user and records the URLs it was asked. */
function aniapi(redirectedTo?: string) {
  const asked: string[] = [];
  const fetch = async (url: RequestInfo | URL) => {
    asked.push(String(url));
    const response = new Response(JSON.stringify({ status_code: 200, message: 'Hi', data: DEMO_USER, version: '1' }));
    // What fetch() gives after following a redirect.
    if (redirectedTo) {
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: `${redirectedTo}/v1/auth/me` });
    }
    return response;
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

/** Signs in through the callback's check, with a token issued by `ISSUER`. */
function signInThroughCallback(): void {
  const state = startLogin();
  completeLogin(`#access_token=${aniapiToken()}&state=${state}`, 'session', pageAt());
}

describe('the token and the API origin', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('records the origin of the authorize URL that the token came from', () => {
    signInThroughCallback();
    expect(getSession()!.issuer).to.equal(ISSUER);
  });

  it('fetchUser sends the token to its issuer', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    expect(await fetchUser({ apiBase: ISSUER, fetch })).to.deep.equal(DEMO_USER);
    expect(asked).to.deep.equal([`${ISSUER}/v1/auth/me`]);
  });

  it('fetchUser refuses another API origin with invalid_config, and asks nothing', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    const refused = await rejection<AniapiError>(fetchUser({ apiBase: ELSEWHERE, fetch }));
    expect(refused.code).to.equal('invalid_config');
    expect(refused.message).to.contain(ISSUER).and.to.contain(ELSEWHERE).and.to.contain('allowOrigin');
    expect(refused.message).not.to.contain(getToken()!);
    expect(asked).to.deep.equal([]);
    // A refusal of the page's configuration, not of the token: the session goes on.
    expect(getToken()).not.to.equal(null);
  });

  it('fetchUser sends the token to another API origin that the app allows from script', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    expect(await fetchUser({ apiBase: ELSEWHERE, allowOrigin: `${ELSEWHERE}/any/path`, fetch })).to.deep.equal(
      DEMO_USER,
    );
    expect(asked).to.deep.equal([`${ELSEWHERE}/v1/auth/me`]);
  });

  it('fetchUser refuses an answer that a redirect brought from another origin', async () => {
    signInThroughCallback();
    const { fetch } = aniapi(ELSEWHERE);
    const refused = await rejection<AniapiError>(fetchUser({ apiBase: ISSUER, fetch }));
    expect(refused.code).to.equal('invalid_config');
    expect(refused.message).to.contain(ELSEWHERE);
  });

  it('keeps the issuer when the app moves the token to another store with setToken', async () => {
    signInThroughCallback();
    // "Remember me": the same token, kept again in localStorage.
    setToken(getToken()!, 'local');
    expect(getSession()!.issuer).to.equal(ISSUER);
    const { fetch, asked } = aniapi();
    expect((await rejection<AniapiError>(fetchUser({ apiBase: ELSEWHERE, fetch }))).code).to.equal('invalid_config');
    expect(asked).to.deep.equal([]);
  });

  it('fetchUser sends a token kept by setToken without an issuer to whatever apiBase names, as before', async () => {
    setToken(aniapiToken());
    const { fetch, asked } = aniapi();
    expect(await fetchUser({ apiBase: ELSEWHERE, fetch })).to.deep.equal(DEMO_USER);
    expect(asked).to.deep.equal([`${ELSEWHERE}/v1/auth/me`]);
  });

  it('fetchUser holds a token kept by setToken with an issuer to that issuer', async () => {
    setToken(aniapiToken(), 'session', { issuer: `${ISSUER}/v1/oauth` });
    expect(getSession()!.issuer).to.equal(ISSUER);
    const { fetch, asked } = aniapi();
    expect((await rejection<AniapiError>(fetchUser({ apiBase: ELSEWHERE, fetch }))).code).to.equal('invalid_config');
    expect(asked).to.deep.equal([]);
  });

  it('<aniapi-user api-base> in markup cannot send the token to another origin', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    const events = collectEvents();
    try {
      const card = await fixture<AniapiUserElement>(
        html`<aniapi-user api-base=${ELSEWHERE} .fetch=${fetch}></aniapi-user>`,
      );
      await waitUntil(() => card.status === 'error', `still ${card.status}`);
    } finally {
      events.stop();
    }
    expect(events.events.map((event) => [event.type, event.detail.code])).to.deep.equal([
      ['aniapi-error', 'invalid_config'],
    ]);
    expect(asked).to.deep.equal([]);
  });

  it('<aniapi-user> asks another origin once a script sets allowOrigin', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    const card = await fixture<AniapiUserElement>(
      html`<aniapi-user api-base=${ELSEWHERE} .allowOrigin=${ELSEWHERE} .fetch=${fetch}></aniapi-user>`,
    );
    await waitUntil(() => card.status === 'signed-in', `still ${card.status}`);
    expect(asked).to.deep.equal([`${ELSEWHERE}/v1/auth/me`]);
  });

  it('<aniapi-user> takes no allow-origin attribute: markup alone never allows an origin', async () => {
    signInThroughCallback();
    const { fetch, asked } = aniapi();
    const card = await fixture<AniapiUserElement>(
      html`<aniapi-user
        api-base=${ELSEWHERE}
        allow-origin=${ELSEWHERE}
        alloworigin=${ELSEWHERE}
        .fetch=${fetch}
      ></aniapi-user>`,
    );
    await waitUntil(() => card.status === 'error', `still ${card.status}`);
    expect(card.allowOrigin).to.equal(undefined);
    expect(asked).to.deep.equal([]);
  });
});
