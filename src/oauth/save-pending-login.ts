/**
 * Recording a pending login, the start of a login's round trip: apart from the
 * rest of the records, which the callback page reads, so that a callback page
 * does not carry it.
 */
import type { PendingLogin } from './pending-logins.js';
import { PENDING_LOGIN_MAX_AGE, PENDING_PREFIX, pendingKeys, readRecord } from './pending-logins.js';

/** Stores a pending login under its state, dropping records too old to be completed. */
export function savePendingLogin(storage: Storage, login: PendingLogin): void {
  for (const key of pendingKeys(storage)) {
    const old = readRecord(storage.getItem(key));
    if (!old || login.createdAt - old.createdAt > PENDING_LOGIN_MAX_AGE) storage.removeItem(key);
  }
  storage.setItem(PENDING_PREFIX + login.state, JSON.stringify(login));
}
