import { expect } from '@open-wc/testing';
import { AniapiError } from '../../../src/oauth/errors.js';
import type { FetchUserOptions } from '../../../src/http/fetch-user.js';
import { fetchUser } from '../../../src/http/fetch-user.js';
import type { SessionChangeReason } from '../../../src/token/token-store.js';
import { getToken, logout, onChange, setToken } from '../../../src/token/token-store.js';
import { clearStorage, DEMO_USER as USER, keysOf } from '../helpers.js';

const API = 'http://127.0.0.1:8765';

/** A fetch that answers once with this envelope and records what it was asked. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const asked: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: RequestInfo | URL, init: RequestInit = {}) => {
    asked.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

/** Rejects when `promise` has not settled within `ms`, so a hang fails the test with a reason. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)),
  ]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    expect(
      asked.map((a) => [
        String(a.url),
        (a.init.headers as Record<string, string>).Authorization,
        a.init.credentials,
        a.init.referrerPolicy,
      ]),
    ).to.deep.equal([['http://127.0.0.1:8765/v1/auth/me', 'Bearer t0k3n', 'omit', 'no-referrer']]);
  });

  it('without apiBase rejects with invalid_config naming it, and sends nothing, signed in or not', async () => {
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    for (const signedIn of [true, false]) {
      if (signedIn) setToken('t0k3n');
      else logout();
      // Missing, empty, and no options at all (a JavaScript caller).
      const calls = [
        () => fetchUser({ fetch } as FetchUserOptions),
        () => fetchUser({ apiBase: '', fetch }),
        () => (fetchUser as () => Promise<unknown>)(),
      ];
      for (const call of calls) {
        const error = await failure(call());
        expect([error.code, error.message]).to.deep.equal([
          'invalid_config',
          'apiBase is required: the AniAPI server to ask.',
        ]);
      }
    }
    expect(asked).to.deep.equal([]);
  });

  it('refuses an apiBase written with /v1 with invalid_config naming the server without it, and sends nothing', async () => {
    setToken('t0k3n');
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    for (const apiBase of [`${API}/v1`, `${API}/v1/`, `${API}/V1`]) {
      const error = await failure(fetchUser({ apiBase, fetch }));
      expect([error.code, error.message]).to.deep.equal([
        'invalid_config',
        `apiBase is the AniAPI server without /v1: ${API}.`,
      ]);
    }
    expect(asked).to.deep.equal([]);
  });

  it('resolves to null without asking when signed out', async () => {
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    expect(await fetchUser({ apiBase: API, fetch })).to.equal(null);
    expect(asked).to.deep.equal([]);
  });

  it('on a 401 clears the session, tells listeners "unauthorized" and resolves to null', async () => {
    setToken('t', 'local');
    const { fetch } = answering(401, {
      status_code: 401,
      message: 'Unauthorized',
      data: 'Invalid Authorization header',
      version: '1',
    });
    expect(await fetchUser({ apiBase: API, fetch })).to.equal(null);
    expect(getToken()).to.equal(null);
    // Gone from the store; what stays is the note that this session has ended, which holds no token.
    const keys = keysOf(localStorage);
    expect(keys).to.have.length(1);
    expect(keys[0])
      .to.match(/^aniapi-elements\.ended\./)
      .and.not.to.contain('.t.');
    // A time, and for this token without exp, for good.
    expect(localStorage.getItem(keys[0]!)).to.equal('Infinity');
    expect(reasons).to.deep.equal(['login', 'unauthorized']);
  });

  it('takes a real HTTP 401 or 429 without an envelope at its word, as an RFC 6750 server sends them', async () => {
    // RFC 6750 §3.1: the refusal is the status and WWW-Authenticate; the body is often empty.
    setToken('t');
    const refused = answering(401, '', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    expect(await fetchUser({ apiBase: API, ...refused })).to.equal(null);
    expect(getToken()).to.equal(null);
    expect(reasons).to.deep.equal(['login', 'unauthorized']);
    setToken('t');
    const busy = await failure(fetchUser({ apiBase: API, ...answering(429, 'Too Many Requests') }));
    expect(busy.code).to.equal('rate_limited');
    expect(getToken()).to.equal('t');
  });

  it('reads the envelope, not the HTTP status: a 401 inside an HTTP 200 logs out too', async () => {
    setToken('t');
    const { fetch } = answering(200, {
      status_code: 401,
      message: 'Unauthorized',
      data: 'Email not verified',
      version: '1',
    });
    expect(await fetchUser({ apiBase: API, fetch })).to.equal(null);
    expect(getToken()).to.equal(null);
  });

  it('reports a 429 as rate_limited with the reset time, keeping the session', async () => {
    setToken('t');
    const { fetch } = answering(
      429,
      { status_code: 429, message: 'Too many requests', data: 'x', version: '1' },
      { 'X-RateLimit-Reset': '42' },
    );
    const before = Date.now();
    const error = await failure(fetchUser({ apiBase: API, fetch }));
    expect(error.code).to.equal('rate_limited');
    expect(error.detail.retryAt).to.be.within(before + 42_000, Date.now() + 42_000);
    expect(getToken()).to.equal('t');
  });

  it('reports a 429 without a readable reset time with no retryAt', async () => {
    setToken('t');
    const error = await failure(fetchUser({ apiBase: API, ...answering(429, { status_code: 429 }) }));
    expect(error.detail).not.to.have.property('retryAt');
  });

  it('reports an unreachable server or a non-JSON answer as network_error, keeping the session', async () => {
    setToken('t');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    expect((await failure(fetchUser({ apiBase: API, fetch: offline }))).code).to.equal('network_error');
    expect((await failure(fetchUser({ apiBase: API, ...answering(502, '<html>Bad gateway</html>') }))).code).to.equal(
      'network_error',
    );
    expect(
      (await failure(fetchUser({ apiBase: API, ...answering(200, { status_code: 500, data: 'x' }) }))).code,
    ).to.equal('network_error');
    expect(getToken()).to.equal('t');
  });

  it('refuses to send the token to a plain-http server off this machine', async () => {
    setToken('t');
    const { fetch, asked } = answering(200, { status_code: 200, data: USER });
    const error = await failure(fetchUser({ apiBase: 'http://aniapi.example', fetch }));
    expect([error.code, error.message]).to.deep.equal([
      'invalid_config',
      'apiBase must be an absolute https URL (http on localhost) with no fragment.',
    ]);
    expect(asked).to.deep.equal([]);
  });

  const GOOD = {
    id: 7,
    username: 'ann',
    email: 'ann@aniapi.test',
    email_verified: false,
    role: 2,
    gender: 1,
    avatar: 'https://img.test/a.png',
    avatar_tracker: 'mal',
    localization: 'jp',
    has_anilist: true,
    has_mal: false,
  };

  it("keeps each of AniAPI's user fields only with its documented type and value", async () => {
    setToken('t');
    const wrong: Array<[keyof typeof GOOD, unknown]> = [
      ['id', '7'],
      ['id', null],
      ['username', { toString: 1, valueOf: 1 }],
      ['username', 42],
      ['email', ['ann@aniapi.test']],
      ['email_verified', 'true'],
      ['role', 3],
      ['role', '1'],
      ['gender', -1],
      ['gender', true],
      ['avatar', { href: 'https://img.test/a.png' }],
      ['avatar_tracker', 'kitsu'],
      ['localization', 'de'],
      ['localization', 'EN'],
      ['has_anilist', 1],
      ['has_mal', 'false'],
    ];
    for (const [field, value] of wrong) {
      const rest: Record<string, unknown> = { ...GOOD };
      delete rest[field];
      expect(
        await fetchUser({ apiBase: API, ...answering(200, { status_code: 200, data: { ...GOOD, [field]: value } }) }),
        `${field}: ${JSON.stringify(value)}`,
      ).to.deep.equal(rest);
    }
    const valid: Array<[keyof typeof GOOD, unknown[]]> = [
      ['role', [0, 1, 2]],
      ['gender', [0, 1, 2]],
      ['avatar_tracker', ['anilist', 'mal']],
      ['localization', ['en', 'it', 'fr', 'jp', 'rj']],
    ];
    for (const [field, values] of valid) {
      for (const value of values) {
        const user = { ...GOOD, [field]: value };
        expect(await fetchUser({ apiBase: API, ...answering(200, { status_code: 200, data: user }) })).to.deep.equal(
          user,
        );
      }
    }
  });

  it('leaves out every field AniAPI does not document, own or inherited', async () => {
    setToken('t');
    const body =
      '{"status_code":200,"data":{"id":7,"password":"hunter2","__proto__":{"username":"evil","role":2},"constructor":{"name":"x"}}}';
    const user = await fetchUser({ apiBase: API, ...answering(200, body) });
    expect(user).to.deep.equal({ id: 7 });
    expect([user!.username, user!.role, Object.keys(user!)]).to.deep.equal([undefined, undefined, ['id']]);
    expect(await fetchUser({ apiBase: API, ...answering(200, { status_code: 200, data: [1, 2] }) })).to.deep.equal({});
  });

  it('gives up after `timeout` ms with network_error, aborting the request, even when the fetch ignores the signal or the body never ends', async () => {
    setToken('t');
    const signals: Array<AbortSignal | null | undefined> = [];
    const hangs = (answer: (init: RequestInit) => Promise<Response>) =>
      ((_url: RequestInfo | URL, init: RequestInit = {}) => (
        signals.push(init.signal),
        answer(init)
      )) as typeof globalThis.fetch;
    const fetches = [
      // Ignores its signal and never answers.
      hangs(() => new Promise<Response>(() => {})),
      // Honours its signal, as the browser's fetch does.
      hangs(
        (init) =>
          new Promise<Response>((_, reject) =>
            init.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
          ),
      ),
      // Sends its headers, then a body that never ends.
      hangs(
        async () =>
          new Response(
            new ReadableStream({ start: (body) => body.enqueue(new TextEncoder().encode('{"status_code":200,')) }),
          ),
      ),
    ];
    for (const fetch of fetches) {
      const started = Date.now();
      const error = await within(2000, failure(fetchUser({ apiBase: API, fetch, timeout: 100 })));
      expect([error.code, error.message]).to.deep.equal([
        'network_error',
        'AniAPI could not be reached, or answered in a way this page cannot read.',
      ]);
      expect(Date.now() - started).to.be.at.least(95);
    }
    expect(signals.map((signal) => signal instanceof AbortSignal && signal.aborted)).to.deep.equal([true, true, true]);
    expect(getToken()).to.equal('t');
  });

  it('waits for a server slower than a moment when given a timeout longer than setTimeout can wait', async () => {
    setToken('t');
    const slow = (async () => {
      await sleep(50);
      return new Response(JSON.stringify({ status_code: 200, data: USER }));
    }) as typeof globalThis.fetch;
    // setTimeout runs a delay past 2^31 - 1 ms (about 24.8 days), or an infinite one, at once.
    for (const timeout of [2 ** 31, 30 * 24 * 3600 * 1000, Infinity]) {
      expect(await within(2000, fetchUser({ apiBase: API, fetch: slow, timeout })), `timeout ${timeout}`).to.deep.equal(
        USER,
      );
    }
  });

  it('clears its timer whatever the outcome: a request that has ended is never aborted later', async () => {
    setToken('t');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const outcomes = [
      answering(200, { status_code: 200, data: USER }),
      answering(429, { status_code: 429 }),
      answering(502, '<html>Bad gateway</html>'),
      { fetch: offline, asked: [] },
      answering(401, { status_code: 401 }),
    ];
    for (const { fetch } of outcomes) await fetchUser({ apiBase: API, fetch, timeout: 50 }).catch(() => null);
    await sleep(150);
    const signals = outcomes.flatMap(({ asked }) => asked.map((a) => a.init.signal));
    expect(signals.map((signal) => signal instanceof AbortSignal && !signal.aborted)).to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
  });
});
