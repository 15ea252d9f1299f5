/**
 * The session: the one owner of the access token. Framework code uses this
 * module directly; the elements fire their `aniapi-token` and `aniapi-logout`
 * events through it. Importing it registers no element; it keeps one session
 * object on `globalThis` (under a symbol) so that two copies of the package agree.
 *
 * @module
 */
import { readClaims } from './jwt.js';
import type { LogoutReason } from './events.js';
import { AniapiError } from './events.js';
import { endpointUrl } from './page.js';

export type { LogoutReason } from './events.js';

/**
 * Where a token is kept:
 * - `session`: sessionStorage, this tab only, survives navigation and reloads in it;
 * - `local`: localStorage, shared by every tab of the origin, survives restarts;
 * - `memory`: this page only, gone on any navigation or reload.
 */
export type TokenStore = 'session' | 'local' | 'memory';

/** The signed-in session, as far as this browser knows it. */
export interface Session {
  accessToken: string;
  /** When the token stops working, in ms since the epoch; `null` when unknown. */
  expiresAt: number | null;
  /** The AniAPI user id from the token's `id` claim. Read, not verified: never proof of identity. */
  userId: string | null;
}

/** Why the session changed: a new token, or a {@link LogoutReason}. */
export type SessionChangeReason = 'login' | LogoutReason;

/** Called with the new session (`null` when signed out) and why it changed. */
export type SessionListener = (session: Session | null, reason: SessionChangeReason) => void;

const TOKEN_KEY = 'aniapi-elements.token';

interface Hub {
  memory: string | null;
  listeners: Set<SessionListener>;
  /** The token listeners last heard of, to tell a real change from a no-op `storage` event. */
  last: string | null;
  onStorage: (event: StorageEvent) => void;
}

// Shared through the global object so that two copies of the package in one page
// (an app bundle beside the single-file build) keep one session and one set of listeners.
const hub: Hub = ((globalThis as Record<symbol, Hub | undefined>)[Symbol.for('aniapi-elements.session.v1')] ??= {
  memory: null,
  listeners: new Set(),
  last: null,
  onStorage(event) {
    if (event.key !== TOKEN_KEY && event.key !== null) return;
    const token = readToken();
    if (token === hub.last) return;
    const session = token === null ? null : toSession(token);
    notify(session, session ? 'login' : 'logout');
  },
});

/**
 * Runs `use` on a Web Storage, or returns undefined when the browser refuses:
 * a SecurityError where storage is disabled, null in Firefox, a full quota.
 * A store that cannot be used holds no token.
 */
function withStorage<T>(store: 'session' | 'local', use: (storage: Storage) => T): T | undefined {
  try {
    return use(store === 'local' ? localStorage : sessionStorage);
  } catch {
    return undefined;
  }
}

function readToken(): string | null {
  return hub.memory || withStorage('session', read) || withStorage('local', read) || null;
}

function read(storage: Storage): string | null {
  return storage.getItem(TOKEN_KEY);
}

function clear(): void {
  hub.memory = null;
  withStorage('session', forget);
  withStorage('local', forget);
}

function forget(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}

function toSession(accessToken: string): Session {
  return { accessToken, ...readClaims(accessToken) };
}

function notify(session: Session | null, reason: SessionChangeReason): void {
  hub.last = session?.accessToken ?? null;
  for (const listener of [...hub.listeners]) {
    try {
      listener(session, reason);
    } catch (error) {
      // One failing listener must not keep the others from hearing of the change.
      globalThis.reportError?.(error);
    }
  }
}

/**
 * The current session, or `null` when signed out. A token whose `exp` has
 * passed is removed here, and listeners hear `expired`.
 *
 * @param now The current time in ms, for tests; defaults to `Date.now()`.
 */
export function getSession(now: number = Date.now()): Session | null {
  const token = readToken();
  if (token === null) return null;
  const session = toSession(token);
  if (session.expiresAt !== null && session.expiresAt <= now) {
    clear();
    notify(null, 'expired');
    return null;
  }
  return session;
}

/** The current access token, or `null` when signed out or expired. */
export function getToken(): string | null {
  return getSession()?.accessToken ?? null;
}

/**
 * Keeps a token in the chosen store and removes it from the others, so that a
 * token lives in exactly one place; a token kept in `session` or `memory`
 * therefore ends a `local` session in the origin's other tabs. Listeners hear `login`.
 *
 * @throws {AniapiError} `unsupported` when the chosen storage refuses to work.
 */
export function setToken(accessToken: string, store: TokenStore = 'session'): Session {
  clear();
  if (store === 'memory') hub.memory = accessToken;
  else if (!withStorage(store, (storage) => (storage.setItem(TOKEN_KEY, accessToken), true))) {
    throw new AniapiError('unsupported', `The browser refused to keep the sign-in in ${store}Storage.`);
  }
  const session = toSession(accessToken);
  notify(session, 'login');
  return session;
}

/** Signs out: forgets the token in every store. Tabs that share the store hear it too. */
export function logout(): void {
  const signedIn = readToken() !== null;
  clear();
  if (signedIn) notify(null, 'logout');
}

/**
 * Calls `listener` on every change of the session, in this page and, for the
 * `local` store, in every other tab of the origin.
 *
 * @returns A function that stops the calls.
 */
export function onChange(listener: SessionListener): () => void {
  if (hub.listeners.size === 0) {
    hub.last = readToken();
    globalThis.addEventListener?.('storage', hub.onStorage);
  }
  hub.listeners.add(listener);
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) globalThis.removeEventListener?.('storage', hub.onStorage);
  };
}

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
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
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
 * `invalid_config` for a missing or unacceptable `apiBase`.
 */
export async function fetchUser(options: FetchUserOptions): Promise<AniapiUser | null> {
  // No default server: AniAPI's documented domain has another owner, who must never get the token.
  if (!options?.apiBase) throw new AniapiError('invalid_config', 'apiBase is required: the AniAPI server to ask.');
  const url = endpointUrl(`${options.apiBase.replace(/\/+$/, '')}/v1/auth/me`, 'apiBase');
  const token = getToken();
  if (token === null) return null;
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
      return [answer, await answer.json()] as const;
    };
    // The race, not the signal alone, ends the wait: a fetch may ignore its signal.
    const giveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject();
      }, options.timeout ?? 10_000);
    });
    [response, envelope] = await Promise.race([ask(), giveUp]);
  } catch {
    throw new AniapiError('network_error', 'AniAPI could not be reached, or answered in a way this page cannot read.');
  } finally {
    clearTimeout(timer);
  }
  // AniAPI can report an error inside an HTTP 200, so its own status_code decides.
  const status = typeof envelope?.status_code === 'number' ? envelope.status_code : response.status;
  if (status === 401) {
    if (readToken() === token) {
      clear();
      notify(null, 'unauthorized');
    }
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
