import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, publicUser, Revocations } from './auth-me.js';
import type { Answer } from './http.js';
import { allowAnyOrigin, envelope, readJson, Refusal, send, STATUS_MESSAGES } from './http.js';
import { SignJWT } from './jose.js';
import { LOGIN_SCRIPT, loginPage } from './login-page.js';
import type { Settings, StandinOptions } from './options.js';
import { checkWhole, DEMO_EMAIL, DEMO_PASSWORD, MAX_ANSWER_DELAY, settle } from './options.js';
import { RateLimiter } from './rate-limit.js';
import type { NewStandinClient, NewStandinUser, StandinClient, StandinUser } from './registry.js';
import type { StandinRequest } from './request-log.js';
import { RequestLog } from './request-log.js';
import type { SignedInStore } from './signed-in-script.js';
import { signedInScript } from './signed-in-script.js';

/** A running stand-in. */
export interface Standin {
  /** Its base URL, e.g. `http://127.0.0.1:41234`; the authorize endpoint is `${url}/v1/oauth`. */
  url: string;
  /** The requests it answered, oldest first, without any token or secret (see docs/standin.md). */
  readonly requests: readonly StandinRequest[];
  /** Signs a token for a user, as a login would; `lifetime` in seconds may be 0 or negative for an expired one. */
  issueToken(userId: number, options?: { lifetime?: number }): Promise<string>;
  /**
   * A script that starts a page signed in as this user, for Playwright's `page.addInitScript()` or a `<script>`:
   * it keeps a fresh token in `store` (`session`, the default, or `local`) as `<aniapi-callback store>` would,
   * issued by this stand-in, so that `<aniapi-user api-base>` may send it here. It writes only where no session is,
   * and a session it wrote that was logged out stays out. A `TypeError` for a user the stand-in does not have.
   */
  signedInScript(userId: number, options?: { store?: SignedInStore }): Promise<string>;
  /** Registers a client, checked as the `clients` option is; its id is a fresh GUID when none is given. */
  addClient(client: NewStandinClient): StandinClient;
  /** Adds a user, checked as the `users` option is; its id is one more than the highest when none is given. */
  addUser(user: NewStandinUser): StandinUser;
  /** Changes a user's fields (not its id), or removes the user with `null`. */
  setUser(id: number, changes: Partial<Omit<StandinUser, 'id'>> | null): void;
  /** Makes `/v1/auth/me` refuse this token with AniAPI's 401 "Invalid Authorization header". */
  revokeToken(token: string): void;
  /** Makes every answer wait `ms` milliseconds, 0 to `MAX_ANSWER_DELAY` (one minute). */
  setDelay(ms: number): void;
  /** Sets the requests a minute from one address before a 429 (0: no limit), every window started afresh. */
  setRateLimit(limit: number): void;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
  /** Closes it, for `await using standin = await startStandin()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

// Only the routes an app calls from its own origin allow any origin. The login page posts to the
// stand-in's own origin; allowing others there would let any page sign in with the demo credentials
// and read the redirect URL, token included.
const CORS_PATHS = new Set(['/v1/auth/me', '/v1/oauth/token']);

/** The names of this machine, as a request's Host header gives them. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host header (`localhost:8765`, `[::1]:8765`), lowercased; '' when it is none. */
function hostNameOf(header: string | undefined): string {
  try {
    return new URL(`http://${header ?? ''}`).hostname;
  } catch {
    return '';
  }
}
// AniAPI keeps a code for 3 minutes and, unlike RFC 6749, does not spend it on use.
const CODE_LIFETIME = 3 * 60 * 1000;

type Route = (req: IncomingMessage, url: URL) => Promise<Answer>;

/**
 * Starts a local AniAPI OAuth server that behaves as the real one does
 * (`GET/POST /v1/oauth`, `POST /v1/oauth/token`, `GET /v1/auth/me`), for demos
 * and end-to-end tests. It listens on 127.0.0.1 and a free port by default.
 */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const settings = settle(options);
  const { registry } = settings;
  const limiter = new RateLimiter(settings.rateLimit);
  const log = new RequestLog();
  const revoked = new Revocations();
  const codes = new Map<string, { clientId: string; userId: number; expires: number }>();
  let delay = settings.delay;
  // Ends the delays of answers still waiting when the stand-in closes.
  const closing = new AbortController();

  const issueToken = async (userId: number, { lifetime = settings.tokenLifetime } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ id: String(userId) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setNotBefore(Math.min(now, now + lifetime))
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .sign(settings.secret);
  };

  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/v1/oauth': {
      GET: async (_req, url) => {
        const { client } = checkAuthorizeRequest(settings, url.searchParams);
        // The demo credentials are shown while they sign someone in.
        const demo = registry.userOfLogin(DEMO_EMAIL, DEMO_PASSWORD)
          ? { email: DEMO_EMAIL, password: DEMO_PASSWORD }
          : null;
        return { html: loginPage(client.name, demo) };
      },
      POST: async (req, url) => {
        const request = checkAuthorizeRequest(settings, url.searchParams);
        const body = await readJson(req);
        const user = registry.userOfLogin(body.email, body.password);
        if (!user) return { envelope: envelope(401, 'Invalid login', 'Credentials are not valid') };
        let redirect: string;
        if (request.responseType === 'token') {
          redirect = `${request.redirectBase}#access_token=${await issueToken(user.id)}`;
        } else {
          const code = randomCode();
          codes.set(code, { clientId: request.client.id, userId: user.id, expires: Date.now() + CODE_LIFETIME });
          // AniAPI resolves "?code=..." against the redirect URI, which replaces any query it had.
          redirect = new URL(`?code=${code}`, request.redirectBase).href;
        }
        // Echoed raw, as AniAPI does: a state with & or # corrupts the URL.
        if (request.state) redirect += `&state=${request.state}`;
        return { envelope: envelope(200, 'Authentication done', redirect) };
      },
    },
    '/v1/oauth/login.js': {
      GET: async () => ({ script: LOGIN_SCRIPT }),
    },
    '/v1/oauth/token': {
      // Errors here, as in AniAPI, are in the envelope of an HTTP 200.
      POST: async (_req, url) => {
        const q = url.searchParams;
        const [clientId, secret, code, redirectUri] = ['client_id', 'client_secret', 'code', 'redirect_uri'].map(
          (n) => q.get(n) ?? '',
        );
        const refuse = (status: number, data: string) => ({
          envelope: envelope(status, STATUS_MESSAGES[status]!, data),
        });
        if (!clientId || !secret || !code || !redirectUri) return refuse(400, 'Missing required field');
        const client = registry.client(clientId);
        if (!client) return refuse(404, 'client_id not found');
        if (client.secret === undefined || client.secret !== secret)
          return refuse(403, 'client_secret content mismatch from registered client');
        if (redirectUri !== client.redirectUri)
          return refuse(403, 'redirect_uri content mismatch from registered client');
        const grant = codes.get(code);
        if (!grant || grant.clientId !== client.id || grant.expires < Date.now()) return refuse(403, 'code not valid');
        return { envelope: envelope(200, 'Code verified', await issueToken(grant.userId)) };
      },
    },
    '/v1/auth/me': {
      GET: async (req) => {
        const user = await authenticate(req.headers.authorization, settings.secret, registry, revoked);
        return { envelope: envelope(200, `Hi ${user.username}`, publicUser(user)) };
      },
    },
  };

  const listensOn = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const servesLoopbackOnly = LOOPBACK_NAMES.includes(listensOn) || listensOn.startsWith('127.');
  const servedNames = [...LOOPBACK_NAMES, listensOn.toLowerCase()];

  /** The answer to a request and its HTTP status; headers that depend on the request are set on `res`. */
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<[Answer, number]> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://stand-in');
    } catch {
      return [{ envelope: envelope(400, 'Bad request', 'Request target is not valid') }, 400];
    }
    // DNS rebinding: a page whose name an attacker points at this machine is same-origin with the stand-in, where
    // the login page's refusal of other origins does not reach it. Listening on this machine only, the stand-in
    // answers only to this machine's names and to the host it listens on.
    if (servesLoopbackOnly && !servedNames.includes(hostNameOf(req.headers.host))) {
      return [{ envelope: envelope(421, 'Misdirected request', `Ask this stand-in as ${settings.host}`) }, 421];
    }
    // Set first, so that a browser app can read a 429 or a 405 too.
    if (CORS_PATHS.has(url.pathname)) allowAnyOrigin(res);
    const quota = limiter.take(req.socket.remoteAddress ?? '');
    if (quota) {
      res.setHeader('X-RateLimit-Limit', quota.limit);
      res.setHeader('X-RateLimit-Remaining', quota.remaining);
      res.setHeader('X-RateLimit-Reset', quota.reset);
      if (quota.exceeded) {
        const data = `You reached the limit of ${quota.limit} requests per minute`;
        return [{ envelope: envelope(429, 'Too many requests', data) }, 429];
      }
    }
    const route = routes[url.pathname];
    if (!route) return [{ envelope: envelope(404, 'Not found', 'Not found') }, 404];
    if (req.method === 'OPTIONS') return [{ empty: true }, 204];
    const handler = route[req.method ?? ''];
    if (!handler) {
      res.setHeader('Allow', [...Object.keys(route), 'OPTIONS'].join(', '));
      return [{ envelope: envelope(405, 'Method not allowed', 'Method not allowed') }, 405];
    }
    try {
      return [await handler(req, url), 200];
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (error.status === 413 || error.status === 415) {
        // Read and drop the rest of the upload so the client receives the answer instead of a reset;
        // the request timeout still bounds how long that may take.
        res.setHeader('Connection', 'close');
        req.resume();
      }
      return [{ envelope: envelope(error.status, error.message, error.data) }, error.status];
    }
  }

  const server = createServer((req, res) => {
    const received = Date.now();
    answer(req, res)
      .catch((): [Answer, number] => [{ envelope: envelope(500, STATUS_MESSAGES[500]!, STATUS_MESSAGES[500]) }, 500])
      // After the request is read, so that its timeouts are not spent on the wait.
      .then(async ([result, status]) => {
        if (delay) await sleep(delay, undefined, { signal: closing.signal });
        send(res, result, status);
        log.record(req, status, received);
      })
      .catch(() => res.destroy());
  });
  // A request that stalls must not hang the stand-in or a test that uses it.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const url = `http://${listensOn}:${port}`;
  return {
    url,
    get requests() {
      return log.entries;
    },
    issueToken,
    async signedInScript(userId, { store = 'session' } = {}) {
      if (!registry.userOfClaim(String(userId))) throw new TypeError(`The stand-in has no user ${userId}.`);
      return signedInScript(await issueToken(userId), url, store);
    },
    addClient: (client) => registry.addClient(client),
    addUser: (user) => registry.addUser(user),
    setUser: (id, changes) => registry.setUser(id, changes),
    revokeToken: (token) => revoked.add(token),
    setDelay(ms) {
      delay = checkWhole(ms, 'delay', MAX_ANSWER_DELAY);
    },
    setRateLimit(limit) {
      limiter.setLimit(checkWhole(limit, 'rateLimit'));
    },
    close,
    // Symbol.asyncDispose exists from Node 20.4 on, as does everything that calls it.
    [Symbol.asyncDispose]: close,
  };
}

const CODE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 30 random letters and digits, as AniAPI's codes. */
function randomCode(): string {
  return Array.from(randomBytes(30), (byte) => CODE_CHARS[byte % CODE_CHARS.length]).join('');
}

/** The checks of `GET /v1/oauth`, in AniAPI's order: fields, response type, client, redirect URI. */
function checkAuthorizeRequest(settings: Settings, query: URLSearchParams) {
  const clientId = query.get('client_id') ?? '';
  const redirectUri = query.get('redirect_uri') ?? '';
  const responseType = query.get('response_type') ?? '';
  if (!clientId || !redirectUri || !responseType) throw new Refusal(400, 'missing required field');
  if (responseType !== 'token' && responseType !== 'code') throw new Refusal(400, 'response_type content not expected');
  const client = settings.registry.client(clientId);
  // AniAPI crashed with a 500 on a non-GUID id; the stand-in answers what it meant.
  if (!client) throw new Refusal(404, 'client_id not found');
  // Exact string equality: no case folding, no prefix match, no trailing-slash tolerance.
  // AniAPI answered 500 here by accident; 403 is what it meant.
  if (redirectUri !== client.redirectUri)
    throw new Refusal(403, 'redirect_uri content mismatch from registered client');
  // A redirect URI without a path gains "/"; its query is kept.
  return { client, responseType, state: query.get('state') ?? '', redirectBase: new URL(client.redirectUri).href };
}
