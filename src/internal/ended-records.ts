/**
 * Records that must stay gone: a session that was logged out or replaced, a
 * pending login that was used. Both live in sessionStorage, and a history
 * traversal can bring an older copy of sessionStorage back (a cross-site
 * navigation that swapped browsing-context groups copies it; Back restores
 * the copy). So their ends are written down where no restored copy reaches:
 * in localStorage, shared by the origin's tabs, under one key.
 *
 * Where localStorage refuses to work, nothing is written down, and a restored
 * copy can bring a record back, as it could before this list existed.
 */

const ENDED_KEY = 'aniapi-elements.ended';

/** How many ends the list keeps, newest last; an end past its `until` is dropped earlier. */
export const ENDED_MAX = 100;

/** An end: the record's id, and until when (ms since the epoch) a copy of the record could still be believed. */
type End = [id: string, until: number];

/**
 * Writes down that the record `id` has ended for the origin. After `until`, a
 * copy of it is refused on other grounds (an expired token, a login too old),
 * so the end is forgotten then.
 */
export function endRecord(id: string, until: number, now: number = Date.now()): void {
  try {
    const ends = readEnds(now).filter(([other]) => other !== id);
    ends.push([id, until]);
    localStorage.setItem(ENDED_KEY, JSON.stringify(ends.slice(-ENDED_MAX)));
  } catch {
    // No localStorage: the record is gone from this copy of sessionStorage, which is all that can be done.
  }
}

/** Whether the record `id` has ended for the origin, by this tab or any other. */
export function hasEnded(id: string, now: number = Date.now()): boolean {
  return readEnds(now).some(([other]) => other === id);
}

/** Whether a `storage` event is about the list of ends: another tab ended a record, maybe one this tab holds. */
export function isEndedKey(key: string | null): boolean {
  return key === ENDED_KEY;
}

/** The ends still in force at `now`; anything in the list that is not one is ignored. */
function readEnds(now: number): End[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(ENDED_KEY)!);
    return Array.isArray(list)
      ? list.filter(
          (end): end is End =>
            Array.isArray(end) && typeof end[0] === 'string' && typeof end[1] === 'number' && end[1] > now,
        )
      : [];
  } catch {
    return [];
  }
}
