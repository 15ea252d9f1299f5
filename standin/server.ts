import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify, SignJWT } from './jose.js';
import { LOGIN_SCRIPT, loginPage } from './login-page.js';
import type { Settings, StandinClient, StandinOptions, StandinUser } from './options.js';
import { DEMO_EMAIL, DEMO_PASSWORD, settle } from './options.js';
import { rateLimiter } from './rate-limit.js';

/** A running stand-in. */
export interface Standin {
  /** Its base URL, e.g. `http://127.0.0.1:41234`; the authorize endpoint is `${url}/v1/oauth`. */
  url: string;
  /** Signs a token for a user, as a login would; `lifetime` in seconds may be 0 or negative for an expired one. */
  issueToken(userId: number, options?: { lifetime?: number }): Promise<string>;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/** AniAPI's JSON envelope, on every answer but the login page. */
interface Envelope {
  status_code: number;
  message: string;
  data: unknown;
  version: '1';
}

/** An error answer: the HTTP status, and the envelope's status code and data. */
class Refusal {
  constructor(
    readonly status: number,
    readonly data: string,
    readonly message = STATUS_MESSAGES[status] ?? 'Error',
  ) {}
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Only the routes an app calls from its own origin allow any origin. The login page posts to the
// stand-in's own origin; allowing others there would let any page sign in with the demo credentials
// and read the redirect URL, token included.
const CORS_PATHS = new Set(['/v1/auth/me', '/v1/oauth/token']);
const MAX_BODY = 16 * 1024;
// AniAPI keeps a code for 3 minutes and, unlike RFC 6749, does not spend it on use.
const CODE_LIFETIME = 3 * 60 * 1000;

/**
 * Starts a local AniAPI OAuth server that behaves as the real one does
 * (`GET/POST /v1/oauth`, `POST /v1/oauth/token`, `GET /v1/auth/me`), for demos
 * and end-to-end tests. It listens on 127.0.0.1 and a free port by default.
 */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const settings = settle(options);
  const limit = rateLimiter(settings.rateLimit);
  const codes = new Map<string, { clientId: string; userId: number; expires: number }>();

  const issueToken = async (userId: number, { lifetime = settings.tokenLifetime } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ id: String(userId) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setNotBefore(Math.min(now, now + lifetime))
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .sign(settings.secret);
  };

  const routes: Record<string, Partial<Record<string, (req: IncomingMessage, url: URL) => Promise<Answer>>>> = {
    '/v1/oauth': {
      GET: async (_req, url) => {
        const { client } = checkAuthorizeRequest(settings, url.searchParams);
        const demo = settings.showDemoCredentials ? { email: DEMO_EMAIL, password: DEMO_PASSWORD } : null;
        return { html: loginPage(client.name, demo) };
      },
      POST: async (req, url) => {
        const request = checkAuthorizeRequest(settings, url.searchParams);
        const body = await readJson(req);
        const user = settings.users.find((u) => u.email === body.email && u.password === body.password);
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
        const client = findClient(settings, clientId);
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
        const user = await authenticate(settings, req.headers.authorization);
        return { envelope: envelope(200, `Hi ${user.username}`, publicUser(user)) };
      },
    },
  };

  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      if (!res.headersSent)
        send(res, { envelope: envelope(500, 'Internal server error', 'Internal server error') }, 500);
      else res.destroy();
    });
  });
  // A request that stalls must not hang the stand-in or a test that uses it.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://stand-in');
    } catch {
      return send(res, { envelope: envelope(400, 'Bad request', 'Request target is not valid') }, 400);
    }
    // Set first, so that a browser app can read a 429 or a 405 too.
    if (CORS_PATHS.has(url.pathname)) allowAnyOrigin(res);
    const quota = limit(req.socket.remoteAddress ?? '');
    if (quota) {
      res.setHeader('X-RateLimit-Limit', quota.limit);
      res.setHeader('X-RateLimit-Remaining', quota.remaining);
      res.setHeader('X-RateLimit-Reset', quota.reset);
      if (quota.exceeded) {
        return send(
          res,
          {
            envelope: envelope(429, 'Too many requests', `You reached the limit of ${quota.limit} requests per minute`),
          },
          429,
        );
      }
    }
    const route = routes[url.pathname];
    if (!route) return send(res, { envelope: envelope(404, 'Not found', 'Not found') }, 404);
    if (req.method === 'OPTIONS') return send(res, { empty: true }, 204);
    const handler = route[req.method ?? ''];
    if (!handler) {
      res.setHeader('Allow', [...Object.keys(route), 'OPTIONS'].join(', '));
      return send(res, { envelope: envelope(405, 'Method not allowed', 'Method not allowed') }, 405);
    }
    try {
      const result = await handler(req, url);
      send(res, result, 200);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (error.status === 413 || error.status === 415) {
        // Read and drop the rest of the upload so the client receives the answer instead of a reset;
        // the request timeout still bounds how long that may take.
        res.setHeader('Connection', 'close');
        req.resume();
      }
      send(res, { envelope: envelope(error.status, error.message, error.data) }, error.status);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;

  return {
    url: `http://${host}:${port}`,
    issueToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Answer = { envelope: Envelope } | { html: string } | { script: string } | { empty: true };

const CODE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 30 random letters and digits, as AniAPI's codes. */
function randomCode(): string {
  return Array.from(randomBytes(30), (byte) => CODE_CHARS[byte % CODE_CHARS.length]).join('');
}

function envelope(status_code: number, message: string, data: unknown): Envelope {
  return { status_code, message, data, version: '1' };
}

/** AniAPI's CORS: any origin; the headers a client needs to honour a 429 are exposed. */
function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Expose-Headers', 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
  res.setHeader('Access-Control-Max-Age', '600');
}

function send(res: ServerResponse, answer: Answer, status: number): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if ('envelope' in answer) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.envelope));
  } else if ('html' in answer) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    res.end(answer.html);
  } else if ('script' in answer) {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.end(answer.script);
  } else {
    res.end();
  }
}

/** The checks of `GET /v1/oauth`, in AniAPI's order: fields, response type, client, redirect URI. */
function checkAuthorizeRequest(settings: Settings, query: URLSearchParams) {
  const clientId = query.get('client_id') ?? '';
  const redirectUri = query.get('redirect_uri') ?? '';
  const responseType = query.get('response_type') ?? '';
  if (!clientId || !redirectUri || !responseType) throw new Refusal(400, 'missing required field');
  if (responseType !== 'token' && responseType !== 'code') throw new Refusal(400, 'response_type content not expected');
  const client = findClient(settings, clientId);
  // AniAPI crashed with a 500 on a non-GUID id; the stand-in answers what it meant.
  if (!client) throw new Refusal(404, 'client_id not found');
  // Exact string equality: no case folding, no prefix match, no trailing-slash tolerance.
  // AniAPI answered 500 here by accident; 403 is what it meant.
  if (redirectUri !== client.redirectUri)
    throw new Refusal(403, 'redirect_uri content mismatch from registered client');
  // A redirect URI without a path gains "/"; its query is kept.
  return { client, responseType, state: query.get('state') ?? '', redirectBase: new URL(client.redirectUri).href };
}

/** The registered client with this id; a non-GUID id matches none. */
function findClient(settings: Settings, clientId: string): StandinClient | undefined {
  return GUID.test(clientId) ? settings.clients.find((c) => c.id.toLowerCase() === clientId.toLowerCase()) : undefined;
}

/**
 * The body as a JSON object, sent as `application/json` (a charset or other parameter allowed):
 * a plain-text body, which a page on any origin may send without a preflight, is refused.
 */
async function readJson(req: IncomingMessage): Promise<{ email?: unknown; password?: unknown }> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new Refusal(415, 'Content-Type must be application/json');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Refusal(413, 'Request body is too large');
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {
    // Reported below.
  }
  throw new Refusal(400, 'Request body is not valid JSON');
}

async function authenticate(settings: Settings, header: string | undefined): Promise<StandinUser> {
  if (!header) throw new Refusal(401, 'Missing Authorization header');
  const [scheme, token, ...rest] = header.split(' ');
  if (scheme !== 'Bearer' || !token || rest.length) throw new Refusal(401, 'Invalid Authorization header');
  let id: unknown;
  try {
    ({
      payload: { id },
    } = await jwtVerify(token, settings.secret, { algorithms: ['HS256'] }));
  } catch {
    // A bad signature, a bad shape, not yet valid or expired: AniAPI says the same for each.
    throw new Refusal(401, 'Invalid Authorization header');
  }
  const user = settings.users.find((u) => String(u.id) === id);
  if (!user) throw new Refusal(401, 'Invalid JWT token');
  if (user.verified === false) throw new Refusal(401, 'Email not verified');
  return user;
}

/**
 * The user as `/v1/auth/me` shows it: AniAPI's field names, absent fields left out.
 * AniAPI omits null fields, and a JSON config may well write an unknown avatar as null.
 */
function publicUser(user: StandinUser) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    email_verified: user.verified !== false,
    role: user.role ?? 0,
    gender: user.gender ?? 0,
    ...(user.avatar == null ? {} : { avatar: user.avatar }),
    ...(user.avatarTracker == null ? {} : { avatar_tracker: user.avatarTracker }),
    ...(user.localization == null ? {} : { localization: user.localization }),
    has_anilist: user.hasAnilist ?? false,
    has_mal: user.hasMal ?? false,
  };
}
