/**
 * Pending logins: one record per state in sessionStorage, which survives the
 * redirect to AniAPI and back within one tab and is not shared with other tabs.
 */

/** What a login remembers between the redirect and the callback. */
export interface PendingLogin {
  state: string;
  clientId: string;
  authorizeUrl: string;
  redirectUri: string;
  /** Same-origin path to come back to; kept here, never in the state or a URL. */
  returnTo: string;
  /** When the login started, in ms since the epoch. */
  createdAt: number;
}

/** How long a login may take, from the click to the callback: 10 minutes. */
export const PENDING_LOGIN_MAX_AGE = 10 * 60 * 1000;

const PREFIX = 'aniapi-elements.pending.';

/** Stores a pending login under its state, dropping records too old to be completed. */
export function savePendingLogin(storage: Storage, login: PendingLogin): void {
  for (const key of pendingKeys(storage)) {
    const old = readRecord(storage.getItem(key));
    if (!old || login.createdAt - old.createdAt > PENDING_LOGIN_MAX_AGE) storage.removeItem(key);
  }
  storage.setItem(PREFIX + login.state, JSON.stringify(login));
}

/**
 * Removes and returns the pending login for exactly this state, or null. The
 * lookup is by the storage key, so no state can match a prototype property.
 */
export function takePendingLogin(storage: Storage, state: string): PendingLogin | null {
  const key = PREFIX + state;
  const record = readRecord(storage.getItem(key));
  storage.removeItem(key);
  return record && record.state === state ? record : null;
}

/** Forgets every pending login of this tab: after a response that cannot be trusted, none of them can be. */
export function dropPendingLogins(storage: Storage): void {
  for (const key of pendingKeys(storage)) storage.removeItem(key);
}

/** Whether this tab has a pending login for exactly this state, live or not; it stays pending. */
export function hasPendingLogin(storage: Storage, state: string): boolean {
  return storage.getItem(PREFIX + state) !== null;
}

/** Whether this tab has any pending login at all, live or not. */
export function hasPendingLogins(storage: Storage): boolean {
  return pendingKeys(storage).length > 0;
}

/** Whether a login is too old to be completed at `now`. */
export function isExpired(login: PendingLogin, now: number): boolean {
  return now - login.createdAt > PENDING_LOGIN_MAX_AGE;
}

function pendingKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

function readRecord(json: string | null): PendingLogin | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || typeof value !== 'object') return null;
    const r = value as Record<keyof PendingLogin, unknown>;
    const texts = [r.state, r.clientId, r.authorizeUrl, r.redirectUri, r.returnTo];
    return texts.every((t) => typeof t === 'string') && typeof r.createdAt === 'number' ? (value as PendingLogin) : null;
  } catch {
    return null;
  }
}
