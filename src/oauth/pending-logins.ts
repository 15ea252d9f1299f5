/**
 * Pending logins: one record per state in sessionStorage, which survives the
 * redirect to AniAPI and back within one tab and is not shared with other tabs.
 * Beside them, two small records explain failures and allow "try again": the
 * states the tab has settled, and the configuration of its last login.
 */
import type { AniapiErrorCause } from './errors.js';
import { endRecord, hasEnded } from '../internal/ended-records.js';

/** A pending login, as sessionStorage keeps it under its state between the redirect and the callback. */
export interface PendingLoginRecord {
  state: string;
  clientId: string;
  authorizeUrl: string;
  redirectUri: string;
  /** Same-origin path to come back to; kept here, never in the state or a URL. */
  returnTo: string;
  /** When the login started, in ms since the epoch. */
  createdAt: number;
}

/** The tab's last login, as sessionStorage keeps it for "Try again": its settings, never a state or a token. */
export interface LastLoginRecord {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  returnTo: string;
}

/** How long a login may take, from the click to the callback: 10 minutes. */
export const PENDING_LOGIN_MAX_AGE = 10 * 60 * 1000;

/** The storage key of a pending login is this prefix and its state. */
const PENDING_PREFIX = 'aniapi-elements.pending.';
const SETTLED_KEY = 'aniapi-elements.settled';
const LAST_KEY = 'aniapi-elements.last-login';
/** How many settled states a tab remembers; an older one is only no longer told apart from a stranger's. */
export const SETTLED_MAX = 20;

/** Stores a pending login under its state, dropping records too old to be completed. */
export function savePendingLogin(storage: Storage, login: PendingLoginRecord): void {
  for (const key of pendingKeys(storage)) {
    const old = readRecord(storage.getItem(key));
    if (!old || login.createdAt - old.createdAt > PENDING_LOGIN_MAX_AGE) storage.removeItem(key);
  }
  storage.setItem(PENDING_PREFIX + login.state, JSON.stringify(login));
}

/**
 * Removes and returns the pending login for exactly this state, or null. The
 * lookup is by the storage key, so no state can match a prototype property.
 * A login taken is settled as `used`, and its configuration becomes the tab's last login.
 */
export function takePendingLogin(storage: Storage, state: string): PendingLoginRecord | null {
  const record = removeRecord(storage, state);
  // A copy of a login already used, which a history traversal brought back with an older sessionStorage.
  if (record?.state !== state || hasEnded(endedId(state))) return null;
  endLogin(record);
  settle(storage, [state], 'used');
  // The authorize URL as configured: without the parameters the login appended, response_type first.
  rememberLastLogin(storage, {
    ...record,
    authorizeUrl: record.authorizeUrl.replace(/[?&]response_type=token&.*/, ''),
  });
  return record;
}

/** Forgets every pending login of this tab, settled as `used`: after a response that cannot be trusted, none of them can be. */
export function dropPendingLogins(storage: Storage): void {
  dropWhere(storage, () => true, 'used');
}

/**
 * Drops the tab's pending logins started no later than `login`, which has just
 * signed in, settled as `superseded`: the tab has a newer session than any of
 * them could give. Logins started after it stay pending.
 */
export function supersedePendingLogins(storage: Storage, login: PendingLoginRecord): void {
  dropWhere(storage, (old) => old.createdAt <= login.createdAt, 'superseded');
}

/**
 * Why `state` has no pending login any more, when this tab settled it among
 * its last {@link SETTLED_MAX}: `used` or `superseded`; undefined otherwise.
 * Compared by exact string, like the pending records.
 */
export function settledCause(storage: Storage, state: string): AniapiErrorCause | undefined {
  const hit = readSettled(storage).find((entry) => entry[0] === state);
  return hit && (hit[1] === 'superseded' ? 'superseded' : 'used');
}

/** Keeps the configuration of the tab's last login, for "try again": these four fields, never a state or a token. */
export function rememberLastLogin(
  storage: Storage,
  { clientId, redirectUri, authorizeUrl, returnTo }: LastLoginRecord,
): void {
  try {
    storage.setItem(LAST_KEY, JSON.stringify({ clientId, redirectUri, authorizeUrl, returnTo }));
  } catch {
    // Only "try again" is lost.
  }
}

/** The configuration of the tab's last login (started, or answered), or null when this tab has none or cannot tell. */
export function lastLogin(storage?: Storage): LastLoginRecord | null {
  try {
    const value = JSON.parse((storage ?? sessionStorage).getItem(LAST_KEY)!);
    return [value.clientId, value.redirectUri, value.authorizeUrl, value.returnTo].every(
      (text) => typeof text === 'string',
    )
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * Forgets the pending login for exactly this state without settling it: it
 * was abandoned (its popup closed or timed out), not answered, so a response
 * that comes later is simply one this tab no longer waits for. Its end is
 * written down, so that no restored copy of the tab's storage revives it.
 */
export function abandonPendingLogin(storage: Storage, state: string): void {
  const record = removeRecord(storage, state);
  if (record) endLogin(record);
}

/** Removes the record stored for exactly this state and returns it as read, or null when it is none. */
function removeRecord(storage: Storage, state: string): PendingLoginRecord | null {
  const key = PENDING_PREFIX + state;
  const record = readRecord(storage.getItem(key));
  storage.removeItem(key);
  return record;
}

/** Whether this tab has a pending login for exactly this state, live or not; it stays pending. */
export function isLoginPending(storage: Storage, state: string): boolean {
  return storage.getItem(PENDING_PREFIX + state) !== null;
}

/** Whether this tab has any pending login at all, live or not. */
export function hasAnyPendingLogin(storage: Storage): boolean {
  return pendingKeys(storage).length > 0;
}

/** Whether a login is too old to be completed at `now`. */
export function isExpired(login: PendingLoginRecord, now: number): boolean {
  return now - login.createdAt > PENDING_LOGIN_MAX_AGE;
}

function dropWhere(storage: Storage, drop: (login: PendingLoginRecord) => boolean, cause: AniapiErrorCause): void {
  const states: string[] = [];
  for (const key of pendingKeys(storage)) {
    const login = readRecord(storage.getItem(key));
    if (!login || drop(login)) {
      storage.removeItem(key);
      if (login) endLogin(login);
      states.push(key.slice(PENDING_PREFIX.length));
    }
  }
  settle(storage, states, cause);
}

/**
 * Writes down, where no restored copy of sessionStorage reaches, that a login
 * is over, until it would have expired anyway: a copy of its record that history
 * brings back cannot be completed.
 */
function endLogin(login: PendingLoginRecord): void {
  endRecord(endedId(login.state), login.createdAt + PENDING_LOGIN_MAX_AGE);
}

/** A pending login's name in the list of ended records. */
function endedId(state: string): string {
  return `login:${state}`;
}

/** Adds states to the tab's settled record, newest last, keeping the last {@link SETTLED_MAX}. */
function settle(storage: Storage, states: string[], cause: AniapiErrorCause): void {
  if (states.length === 0) return;
  try {
    const list = [...readSettled(storage), ...states.map((state) => [state, cause])];
    storage.setItem(SETTLED_KEY, JSON.stringify(list.slice(-SETTLED_MAX)));
  } catch {
    // Only the finer explanation of a later failure is lost; the login is gone all the same.
  }
}

function readSettled(storage: Storage): unknown[][] {
  try {
    const list: unknown = JSON.parse(storage.getItem(SETTLED_KEY)!);
    return Array.isArray(list) ? list.filter(Array.isArray) : [];
  } catch {
    return [];
  }
}

/** The storage keys of this tab's pending logins. */
function pendingKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PENDING_PREFIX)) keys.push(key);
  }
  return keys;
}

/** A pending login read from its JSON, or null when it is not one. */
function readRecord(json: string | null): PendingLoginRecord | null {
  if (json === null) return null;
  try {
    // Any JSON value: null or a non-object has none of the fields.
    const r = JSON.parse(json) as Partial<Record<keyof PendingLoginRecord, unknown>> | null;
    const texts = [r?.state, r?.clientId, r?.authorizeUrl, r?.redirectUri, r?.returnTo];
    return texts.every((t) => typeof t === 'string') && typeof r?.createdAt === 'number'
      ? (r as PendingLoginRecord)
      : null;
  } catch {
    return null;
  }
}
