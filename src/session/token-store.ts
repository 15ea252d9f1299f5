/**
 * The token store: the one owner of the access token, and of the listeners
 * that hear it change. It keeps one hub on `globalThis` (under a symbol), so
 * that two copies of the package in one page keep one session.
 */
import { readClaims } from '../oauth/jwt-claims.js';
import { pageSingleton } from '../internal/page-singleton.js';
import { AniapiError } from '../oauth/errors.js';

/**
 * Where a token is kept:
 * - `session`: sessionStorage, this tab only, survives navigation and reloads in it;
 * - `local`: localStorage, shared by every tab of the origin, survives restarts;
 * - `memory`: this page only, gone on any navigation or reload.
 */
export type TokenStore = 'session' | 'local' | 'memory';

/** The stores a token may be kept in. */
export const STORES: readonly string[] = ['session', 'local', 'memory'];

/** Throws `invalid_config` unless `store` is one of {@link STORES}: an attribute may hold anything. */
export function checkStore(store: string): asserts store is TokenStore {
  if (!STORES.includes(store)) throw new AniapiError('invalid_config', 'store must be session, local or memory.');
}

/** The signed-in session, as far as this browser knows it. */
export interface Session {
  accessToken: string;
  /** When the token stops working, in ms since the epoch; `null` when unknown. */
  expiresAt: number | null;
  /** The AniAPI user id from the token's `id` claim. Read, not verified: never proof of identity. */
  userId: string | null;
}

/**
 * Why the session ended: `logout()` was called (here or in another tab), the
 * token's `exp` passed, or AniAPI refused the token with a 401.
 */
export type LogoutReason = 'logout' | 'expired' | 'unauthorized';

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
const hub: Hub = pageSingleton('session', () => ({
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
}));

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
    // Unless a listener has changed the session again (a logout on hearing of a login, the expiry watch dropping a
    // token that has expired): every listener has heard of that, and this change, told after it, would be old news.
    if (hub.last === (session?.accessToken ?? null))
      try {
        listener(session, reason);
      } catch (error) {
        // One failing listener must not keep the others from hearing of the change.
        globalThis.reportError?.(error);
      }
  }
}

/**
 * The current session, or `null` when signed out or when the token's `exp` has
 * passed. A read only: an expired token is dropped, and listeners told, by the
 * expiry watch (`watchExpiry()`, which every connected element runs).
 *
 * @param now The current time in ms, for tests; defaults to `Date.now()`.
 */
export function getSession(now: number = Date.now()): Session | null {
  const session = storedSession();
  return session?.expiresAt != null && session.expiresAt <= now ? null : session;
}

/** The session as stored, whether or not its token has expired: for the expiry watch, which acts on it. */
export function storedSession(): Session | null {
  const token = readToken();
  return token === null ? null : toSession(token);
}

/**
 * Ends the session held by `accessToken`, if it still holds it: forgets the
 * token in every store, and listeners hear `reason`. For the expiry watch
 * (`expired`) and the API client (`unauthorized`), not for apps: they call {@link logout}.
 */
export function endSession(accessToken: string, reason: Exclude<LogoutReason, 'logout'>): void {
  if (readToken() !== accessToken) return;
  clear();
  notify(null, reason);
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
 * @throws {AniapiError} `unsupported` when the chosen storage refuses to work; the old session has ended all the
 *   same, and its listeners hear `logout`.
 */
export function setToken(accessToken: string, store: TokenStore = 'session'): Session {
  clear();
  if (store === 'memory') hub.memory = accessToken;
  else if (!withStorage(store, (storage) => (storage.setItem(TOKEN_KEY, accessToken), true))) {
    // The old session is gone all the same: its listeners hear that it ended.
    if (hub.last) notify(null, 'logout');
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
 * `local` store, in every other tab of the origin. A change that a listener
 * undoes before this one's turn (a logout on hearing of a login) is not told after.
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
