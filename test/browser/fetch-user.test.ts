import { expect } from '@open-wc/testing';
import { AniapiError } from '../../src/events.js';
import type { SessionChangeReason } from '../../src/session.js';
import { fetchUser, getToken, logout, onChange, setToken } from '../../src/session.js';
import { clearStorage } from './helpers.js';

const USER = { id: 1, username: 'demo', email: 'demo@aniapi.test', email_verified: true, role: 0, gender: 0, has_anilist: false, has_mal: false };

/** A fetch that answers once with this envelope and records what it was asked. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const asked: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    asked.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

async function failure(promise: Promise<unknown>): Promise<AniapiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AniapiError) return error;
    throw error;
  }
  throw new Error('fetchUser did not fail');
}

describe('fetchUser', () => {
  let reasons: SessionChangeReason[];
  let stop: () => void;
  beforeEach(() => {
    logout();
    clearStorage();
    reasons = [];
    stop = onChange((_session, reason) => reasons.push(reason));
  });
  afterEach(() => stop());
  after(clearStorage);

  it('asks /v1/auth/me with the bearer token, no cookies and no referrer, and returns the user', async () => {
    setToken('t0k3n');
    const { fetch, asked } = answering(200, { status_code: 200, message: 'Hi demo', data: USER, version: '1' });
    expect(await fetchUser({ apiBase: 'http://127.0.0.1:8765/', fetch })).to.deep.equal(USER);
    expect(asked.map((a) => [String(a.url), (a.init.headers as Record<string, string>).Authorization, a.init.credentials, a.init.referrerPolicy])).to.deep.equal([
      ['http://127.0.0.1:8765/v1/auth/me', 'Bearer t0k3n', 'omit', 'no-referrer'],
    ]);
  });

  it('asks the documented AniAPI by default', async () => {
    setToken('t');
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    await fetchUser({ fetch });
    expect(asked[0]!.url).to.equal('https://api.aniapi.com/v1/auth/me');
  });

  it('resolves to null without asking when signed out', async () => {
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    expect(await fetchUser({ fetch })).to.equal(null);
    expect(asked).to.deep.equal([]);
  });

  it('on a 401 clears the session, tells listeners "unauthorized" and resolves to null', async () => {
    setToken('t', 'local');
    const { fetch } = answering(401, { status_code: 401, message: 'Unauthorized', data: 'Invalid Authorization header', version: '1' });
    expect(await fetchUser({ fetch })).to.equal(null);
    expect(getToken()).to.equal(null);
    expect(localStorage.length).to.equal(0);
    expect(reasons).to.deep.equal(['login', 'unauthorized']);
  });

  it('reads the envelope, not the HTTP status: a 401 inside an HTTP 200 logs out too', async () => {
    setToken('t');
    const { fetch } = answering(200, { status_code: 401, message: 'Unauthorized', data: 'Email not verified', version: '1' });
    expect(await fetchUser({ fetch })).to.equal(null);
    expect(getToken()).to.equal(null);
  });

  it('reports a 429 as rate_limited with the reset time, keeping the session', async () => {
    setToken('t');
    const { fetch } = answering(429, { status_code: 429, message: 'Too many requests', data: 'x', version: '1' }, { 'X-RateLimit-Reset': '42' });
    const before = Date.now();
    const error = await failure(fetchUser({ fetch }));
    expect(error.code).to.equal('rate_limited');
    expect(error.detail.retryAt).to.be.within(before + 42_000, Date.now() + 42_000);
    expect(getToken()).to.equal('t');
  });

  it('reports a 429 without a readable reset time with no retryAt', async () => {
    setToken('t');
    const error = await failure(fetchUser(answering(429, { status_code: 429 })));
    expect(error.detail).not.to.have.property('retryAt');
  });

  it('reports an unreachable server or a non-JSON answer as network_error, keeping the session', async () => {
    setToken('t');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    expect((await failure(fetchUser({ fetch: offline }))).code).to.equal('network_error');
    expect((await failure(fetchUser(answering(502, '<html>Bad gateway</html>')))).code).to.equal('network_error');
    expect((await failure(fetchUser(answering(200, { status_code: 500, data: 'x' })))).code).to.equal('network_error');
    expect(getToken()).to.equal('t');
  });

  it('refuses to send the token to a plain-http server off this machine', async () => {
    setToken('t');
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    const error = await failure(fetchUser({ apiBase: 'http://aniapi.example', fetch }));
    expect([error.code, error.message]).to.deep.equal(['invalid_config', 'apiBase must be an absolute https URL (http on localhost) with no fragment.']);
    expect(asked).to.deep.equal([]);
  });
});
