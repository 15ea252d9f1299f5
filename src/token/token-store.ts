/**
 * The token store: the one owner of the access token, and of the listeners
 * that hear it change. It keeps one hub on `globalThis` (under a symbol), so
 * that two copies of the package in one page keep one session.
 */
import { isBearerToken } from '../oauth/bearer-token.js';
import { readClaims } from '../oauth/jwt-claims.js';
import { endRecord, hasEnded, isEndedKey } from '../internal/ended-records.js';
import { pageSingleton } from '../internal/page-singleton.js';
import { AniapiError } from '../oauth/errors.js';
import { originOf } from '../oauth/url-rules.js';

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
  /**
   * The origin of the authorize URL the token came from (`https://api.example`): the one origin that `fetchUser()`
   * and `<aniapi-user>` send it to unless the app allows another from script. `null` for a token kept by
   * {@link setToken} without an issuer, which goes to any API origin the page names.
   */
  issuer: string | null;
}

/** What {@link setToken} keeps beside the token. */
export interface SetTokenOptions {
  /**
   * The origin (or any URL on it) of the AniAPI server that issued the token; see {@link Session.issuer}. Left out
   * for the token already held, its issuer stays.
   */
  issuer?: string | undefined;
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

/**
 * The storage key of the session, in sessionStorage or localStorage. Its value is
 * the package's own JSON: {@link StoredSession}.
 */
const TOKEN_KEY = 'aniapi-elements.token';

/** The session as a store keeps it. */
interface StoredSession {
  accessToken: string;
  issuer: string | null;
  /** Names this record in the list of ended records, so that a restored copy of it is known for what it is. */
  id: string;
}

/** Until when the end of a session whose token has no `exp` is kept: for good, since a copy of it never expires. */
const NO_EXPIRY = Infinity;

interface Hub {
  memory: StoredSession | null;
  listeners: Set<SessionListener>;
  /** The token listeners last heard of, to tell a real change from a no-op `storage` event. */
  last: string | null;
  /** Reads the store again after it may have changed behind this page's back; tells listeners of any change. */
  recheck: () => void;
  onStorage: (event: StorageEvent) => void;
  onPageShow: (event: PageTransitionEvent) => void;
}

// Shared through the global object so that two copies of the package in one page
// (an app bundle beside the single-file build) keep one session and one set of listeners.
// Version 2: the hub holds a record, not a bare token, and re-reads the store; an older copy of the package in the
// page keeps its own hub rather than misreading this one.
const hub: Hub = pageSingleton('session', newHub, 2);

function newHub(): Hub {
  return {
    memory: null,
    listeners: new Set(),
    last: null,
    recheck() {
      const stored = readStored();
      if ((stored?.accessToken ?? null) === hub.last) return;
      const session = stored && toSession(stored);
      // A token that arrives already expired is no sign-in: the callback refuses such a token, so no tab of this
      // package kept it. It goes, and whoever believed the session it replaced hears that it ended.
      if (session?.expiresAt != null && session.expiresAt <= Date.now()) {
        forget(stored);
        if (hub.last !== null) notify(null, 'logout');
        return;
      }
      notify(session, session ? 'login' : 'logout');
    },
    onStorage(event) {
      if (event.key === TOKEN_KEY || event.key === null || isEndedKey(event.key)) hub.recheck();
    },
    onPageShow(event) {
      // Restored from the back-forward cache: the storage may be an older copy, or changed while the page slept.
      if (event.persisted) hub.recheck();
    },
  };
}

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

/**
 * The session record of the first store that holds a sound one: memory, then
 * sessionStorage, then localStorage. The store is input (another tab or script
 * may write anything under the key), so a record is read through the same
 * grammar as a callback response; one that fails it, or a copy of a record that
 * has ended (brought back by a history traversal), is removed where it lies.
 */
function readStored(): StoredSession | null {
  // A record moved to memory keeps its id, and a tab duplicated before the move may hold a copy of it and end it there.
  if (hub.memory && hasEnded(hub.memory.id)) hub.memory = null;
  return hub.memory ?? withStorage('session', readFrom) ?? withStorage('local', readFrom) ?? null;
}

function readFrom(storage: Storage): StoredSession | null {
  const json = storage.getItem(TOKEN_KEY);
  if (json === null) return null;
  const record = parseRecord(json);
  if (record === null) storage.removeItem(TOKEN_KEY);
  return record;
}

function parseRecord(json: string): StoredSession | null {
  try {
    // Any JSON value: null or a non-object has none of the fields.
    const r = JSON.parse(json) as Partial<Record<keyof StoredSession, unknown>> | null;
    const sound =
      isBearerToken(r?.accessToken) &&
      (r.issuer === null || typeof r.issuer === 'string') &&
      typeof r.id === 'string' &&
      !hasEnded(r.id);
    return sound ? (r as StoredSession) : null;
  } catch {
    return null;
  }
}

/**
 * Forgets the session in every store. The record that held it, if any, is
 * written down as ended, so that no copy of it that history brings back is believed.
 */
function forget(record: StoredSession | null): void {
  hub.memory = null;
  withStorage('session', remove);
  withStorage('local', remove);
  if (record) endRecord(record.id, toSession(record).expiresAt ?? NO_EXPIRY);
}

/**
 * A `memory` session is this page's only and ends with any navigation, as the store promises, also with one that the
 * back-forward cache keeps the page through: the page wakes signed out, and its listeners hear `logout` on `pageshow`.
 * Added with the first memory session and left in place: the browser adds one function once, and it does nothing
 * while memory holds no session.
 */
function forgetMemoryOnLeave(event: PageTransitionEvent): void {
  if (event.persisted) hub.memory = null;
}

function remove(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}

function toSession({ accessToken, issuer }: StoredSession): Session {
  return { accessToken, ...readClaims(accessToken), issuer };
}

/** A new record's id: unique, not secret (crypto.randomUUID() would need a secure context, which http pages lack). */
function recordId(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
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
 * passed. A read: an expired token is dropped, and listeners told, by the
 * expiry watch (`watchExpiry()`, which every connected element runs). The one
 * thing it clears is a stored value that is no session of this package (garbage,
 * a copy of a session that has ended).
 *
 * @param now The current time in ms, for tests; defaults to `Date.now()`.
 */
export function getSession(now: number = Date.now()): Session | null {
  const session = storedSession();
  return session?.expiresAt != null && session.expiresAt <= now ? null : session;
}

/** The session as stored, whether or not its token has expired: for the expiry watch, which acts on it. */
export function storedSession(): Session | null {
  const stored = readStored();
  return stored && toSession(stored);
}

/**
 * The id of the session's record, or null when signed out: it tells one sign-in
 * from another without naming the token, for a page that must recognise its own.
 * @internal
 */
export function sessionRecordId(): string | null {
  return readStored()?.id ?? null;
}

/**
 * Ends the session held by `accessToken`, if it still holds it: forgets the
 * token in every store, and listeners hear `reason`. For the expiry watch
 * (`expired`) and the API client (`unauthorized`), not for apps: they call {@link logout}.
 */
export function endSession(accessToken: string, reason: Exclude<LogoutReason, 'logout'>): void {
  const stored = readStored();
  if (stored?.accessToken !== accessToken) return;
  forget(stored);
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
 * A session replaced by another token has ended: no copy of it that history brings back is believed.
 *
 * @param options.issuer Where the token came from: `fetchUser()` then sends it to that origin only. Without it, the
 *   token goes to whatever API origin the page names.
 * @throws {AniapiError} `invalid_config` for a store other than `session`, `local` or `memory`, a token that is no
 *   RFC 6750 bearer token, or an issuer that is no URL; nothing changes then. `unsupported` when the chosen storage
 *   refuses to work; the old session has ended all the same, and its listeners hear `logout`.
 */
export function setToken(accessToken: string, store: TokenStore = 'session', options: SetTokenOptions = {}): Session {
  // From script, anything: `'localStorage'` would land in sessionStorage, and the options in its place would lose
  // the issuer, and with it the rule that the token goes to that origin only.
  checkStore(store);
  if (!isBearerToken(accessToken)) {
    throw new AniapiError(
      'invalid_config',
      'The token is not a bearer token: RFC 6750 allows A-Z a-z 0-9 -._~+/ and a trailing =.',
    );
  }
  const issuer = options.issuer === undefined ? undefined : originOf(options.issuer, 'issuer');
  const old = readStored();
  // The token already held, kept again (in another store, say), is the same session: its record keeps its id, and
  // its issuer unless another is given.
  const record: StoredSession =
    old?.accessToken === accessToken
      ? { ...old, issuer: issuer ?? old.issuer }
      : { accessToken, issuer: issuer ?? null, id: recordId() };
  forget(record.id === old?.id ? null : old);
  if (store === 'memory') {
    hub.memory = record;
    globalThis.addEventListener?.('pagehide', forgetMemoryOnLeave);
  } else if (!withStorage(store, (storage) => (storage.setItem(TOKEN_KEY, JSON.stringify(record)), true))) {
    // The old session is gone all the same: its listeners hear that it ended.
    if (hub.last) notify(null, 'logout');
    throw new AniapiError('unsupported', `The browser refused to keep the sign-in in ${store}Storage.`, {
      attribute: 'store',
    });
  }
  const session = toSession(record);
  notify(session, 'login');
  return session;
}

/**
 * Signs out: forgets the token in every store, for good. Tabs that share the
 * store hear it too, and so do tabs and history entries that hold a copy of the
 * same session (a duplicated tab, sessionStorage restored by Back): the session
 * is written down as ended in localStorage, where no restored copy reaches.
 */
export function logout(): void {
  const stored = readStored();
  forget(stored);
  if (stored || hub.last !== null) notify(null, 'logout');
}

/**
 * Calls `listener` on every change of the session, in this page and, for the
 * `local` store, in every other tab of the origin; also when the page comes back
 * from the back-forward cache to a store that changed meanwhile. A change that a
 * listener undoes before this one's turn (a logout on hearing of a login) is not told after.
 *
 * @returns A function that stops the calls.
 */
export function onChange(listener: SessionListener): () => void {
  if (hub.listeners.size === 0) {
    hub.last = readStored()?.accessToken ?? null;
    // Not listen(): the hub is shared with other copies of the package in the page, and the copy whose listener is
    // the last to go may not be the one that added these, so each copy removes them by the hub's own functions.
    globalThis.addEventListener?.('storage', hub.onStorage);
    globalThis.addEventListener?.('pageshow', hub.onPageShow);
  }
  hub.listeners.add(listener);
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) {
      globalThis.removeEventListener?.('storage', hub.onStorage);
      globalThis.removeEventListener?.('pageshow', hub.onPageShow);
    }
  };
}
