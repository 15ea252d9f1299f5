/**
 * The AniAPI HTTP client: asks AniAPI who is signed in, with the session's
 * token, and reads its answer as a hostile server could send it.
 */
import { AniapiError } from '../oauth/errors.js';
import { endpointUrl, originOf } from '../oauth/url-rules.js';
import { endSession, getSession } from '../token/token-store.js';
import { MAX_DELAY } from '../internal/max-delay.js';

/**
 * The signed-in user from AniAPI's `GET /v1/auth/me`. Each field is present only
 * when AniAPI sent it with the type and value documented here; one it left null,
 * or sent as anything else, is absent, so that a broken or hostile server cannot
 * hand the page an object where it expects text.
 */
export interface AniapiUser {
  id?: number;
  username?: string;
  email?: string;
  email_verified?: boolean;
  /** 0 basic, 1 moderator, 2 administrator. */
  role?: 0 | 1 | 2;
  /** 0 unknown, 1 male, 2 female. */
  gender?: 0 | 1 | 2;
  avatar?: string;
  avatar_tracker?: 'anilist' | 'mal';
  localization?: 'en' | 'it' | 'fr' | 'jp' | 'rj';
  has_anilist?: boolean;
  has_mal?: boolean;
}

/** Where and how {@link fetchUser} asks. */
export interface FetchUserOptions {
  /**
   * The AniAPI server, without `/v1`; https unless on localhost. Required, with no
   * default: AniAPI's public service is gone and its domain has another owner,
   * who would receive the token.
   */
  apiBase: string;
  /**
   * An API origin other than the token's issuer that may receive the token, such as `https://api.example`. By
   * default the session's token goes only to the origin of the authorize URL it came from (AniAPI serves the API
   * and the login there), so that markup naming another `apiBase` cannot send it elsewhere. Allow another only from
   * script, never from anything a page's markup sets.
   */
  allowOrigin?: string | undefined;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch | undefined;
  /** How long the whole request, answer included, may take, in ms; default 10000. */
  timeout?: number;
}

// Each field of AniapiUser: its typeof, or the values it may take.
const USER_FIELDS: Record<keyof AniapiUser, string | readonly unknown[]> = {
  id: 'number',
  username: 'string',
  email: 'string',
  email_verified: 'boolean',
  role: [0, 1, 2],
  gender: [0, 1, 2],
  avatar: 'string',
  avatar_tracker: ['anilist', 'mal'],
  localization: ['en', 'it', 'fr', 'jp', 'rj'],
  has_anilist: 'boolean',
  has_mal: 'boolean',
};

/**
 * Asks AniAPI who is signed in (`GET <apiBase>/v1/auth/me`). Resolves to
 * `null` when signed out, and also when AniAPI refuses the token (401): the
 * session is then cleared and listeners hear `unauthorized`.
 *
 * @throws {AniapiError} `rate_limited` (with `retryAt` when AniAPI says it),
 * `network_error` (also when the answer takes longer than `timeout`), or
 * `invalid_config` for a missing or unacceptable `apiBase`, and for an API
 * origin that is neither the token's issuer nor `allowOrigin` (no request is
 * made), or that a redirect led to.
 */
export async function fetchUser(options: FetchUserOptions): Promise<AniapiUser | null> {
  // No default server: AniAPI's documented domain has another owner, who must never get the token.
  if (!options?.apiBase) throw new AniapiError('invalid_config', 'apiBase is required: the AniAPI server to ask.');
  const base = options.apiBase.replace(/\/+$/, '');
  // As authorize-url ends in /v1/oauth, a base may be written with /v1: the request would go to /v1/v1/auth/me, a 404.
  if (/\/v1$/i.test(base)) {
    throw new AniapiError('invalid_config', `apiBase is the AniAPI server without /v1: ${base.slice(0, -3)}.`, {
      attribute: 'api-base',
    });
  }
  const url = endpointUrl(`${base}/v1/auth/me`, 'apiBase', 'api-base');
  const allowed = options.allowOrigin ? originOf(options.allowOrigin, 'allowOrigin') : undefined;
  const session = getSession();
  if (session === null) return null;
  const { accessToken: token, issuer } = session;
  // A token kept without an issuer goes wherever the page says, as before the rule.
  const mayReceive = (origin: string) => issuer === null || origin === issuer || origin === allowed;
  if (!mayReceive(url.origin)) throw refusedOrigin(url.origin, issuer);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let response: Response;
  let envelope: { status_code?: unknown; data?: unknown } | null;
  try {
    const ask = async () => {
      const answer = await (options.fetch ?? fetch)(url, {
        headers: { Authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      // A body that is no JSON leaves the HTTP status to speak: an RFC 6750 server refuses a token
      // with a bare 401 and WWW-Authenticate, and a proxy may answer a plain 429.
      return [answer, await answer.json().catch(() => null)] as const;
    };
    // The race, not the signal alone, ends the wait: a fetch may ignore its signal.
    const giveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          controller.abort();
          reject();
        },
        // One of 24.8 days is as good as forever.
        Math.min(options.timeout ?? 10_000, MAX_DELAY),
      );
    });
    [response, envelope] = await Promise.race([ask(), giveUp]);
  } catch {
    throw new AniapiError('network_error', 'AniAPI could not be reached, or answered in a way this page cannot read.');
  } finally {
    clearTimeout(timer);
  }
  // A redirect to another origin dropped the token on the way, but the answer would speak for that origin's user.
  const answeredFrom = response.redirected ? new URL(response.url).origin : url.origin;
  if (!mayReceive(answeredFrom)) throw refusedOrigin(answeredFrom, issuer);
  // AniAPI can report an error inside an HTTP 200, so its own status_code decides.
  const status = typeof envelope?.status_code === 'number' ? envelope.status_code : response.status;
  if (status === 401) {
    endSession(token, 'unauthorized');
    return null;
  }
  if (status === 429) {
    // AniAPI sends the seconds until its window resets.
    const reset = Number(response.headers.get('X-RateLimit-Reset') || NaN);
    const extra = Number.isFinite(reset) ? { retryAt: Date.now() + reset * 1000 } : {};
    throw new AniapiError('rate_limited', 'AniAPI is busy with too many requests; try again shortly.', extra);
  }
  const data = envelope?.data;
  if (status !== 200 || data === null || typeof data !== 'object') {
    throw new AniapiError('network_error', `AniAPI answered with status ${status} instead of the user.`);
  }
  const user: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(USER_FIELDS)) {
    const value = (data as Record<string, unknown>)[name];
    if (typeof type === 'string' ? typeof value === type : type.includes(value)) user[name] = value;
  }
  return user;
}

/** The refusal of an API origin other than the token's issuer: no request goes there, or its answer is dropped. */
function refusedOrigin(origin: string, issuer: string | null): AniapiError {
  return new AniapiError(
    'invalid_config',
    `The token came from ${issuer} and is not sent to ${origin}. To use another API origin, allow it from script: allowOrigin.`,
    { attribute: 'api-base' },
  );
}
