/**
 * Records that must stay gone: a session that was logged out or replaced, a
 * pending login that was used. Both live in sessionStorage, and a history
 * traversal can bring an older copy of sessionStorage back (a cross-site
 * navigation that swapped browsing-context groups copies it; Back restores
 * the copy). So their ends are written down where no restored copy reaches:
 * in localStorage, shared by the origin's tabs, one key per record, so that
 * two tabs ending records at once cannot overwrite each other's.
 *
 * Where localStorage refuses to work, nothing is written down, and a restored
 * copy can bring a record back, as it could before.
 */

/** The storage key of an end is this prefix and the record's id. */
const ENDED_PREFIX = 'aniapi-elements.ended.';

// Ends are kept a little past the moment a copy would be refused anyway: the two checks read clocks a moment apart.
const GRACE = 60_000;

/**
 * Writes down that the record `id` has ended for the origin. After `until` (ms
 * since the epoch), a copy of it is refused on other grounds (an expired token,
 * a login too old), so the end is forgotten soon after; ends already past are
 * removed now.
 */
export function endRecord(id: string, until: number, now: number = Date.now()): void {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(ENDED_PREFIX) && !inForce(localStorage.getItem(key), now)) localStorage.removeItem(key);
    }
    localStorage.setItem(ENDED_PREFIX + id, String(until + GRACE));
  } catch {
    // No localStorage: the record is gone from this copy of sessionStorage, which is all that can be done.
  }
}

/** Whether the record `id` has ended for the origin, by this tab or any other. */
export function hasEnded(id: string, now: number = Date.now()): boolean {
  try {
    return inForce(localStorage.getItem(ENDED_PREFIX + id), now);
  } catch {
    return false;
  }
}

/** Whether a `storage` event is about an end: another tab ended a record, maybe one this tab holds. */
export function isEndedKey(key: string | null): boolean {
  return key?.startsWith(ENDED_PREFIX) ?? false;
}

/** Whether an end, as stored, still holds at `now`; anything that is no time (a stranger's write) does not. */
function inForce(stored: string | null, now: number): boolean {
  // Number(null) is 0 and Number('x') NaN: neither is after now. 'Infinity' (a token that never expires) always is.
  return Number(stored) > now;
}
