/**
 * The response stash: a response taken off the address bar, kept in memory
 * only until it is checked. It is the one owner of that response: the popup's
 * hand-back records its offer here rather than changing the response itself.
 */
import { pageSingleton } from '../internal/page-singleton.js';

/** How a popup login went, as the tab that started it tells the callback page that handed it the response. */
export interface HandBackClaim {
  /** Whether the starting tab signed in with the response. */
  ok: boolean;
}

interface Entry {
  fragment: string;
  inQuery: boolean;
  /** The one offer of this response to the window that started its login, which every element of the page waits for. */
  offered?: Promise<HandBackClaim | null>;
  /** No window took the offer, so the page checks the response itself. */
  unclaimed?: true;
}

/** A response taken off the address bar and not yet checked. */
export type TakenResponse = Readonly<Entry>;

// Shared by every <aniapi-callback> of the page, by a second copy of the package, and by the pre-scrub.
const stash = pageSingleton<{ taken?: Entry | undefined }>('response-stash', () => ({}));

/** Keeps a response just taken off the address bar, in place of any earlier one. */
export function stashResponse(fragment: string, inQuery: boolean): void {
  stash.taken = { fragment, inQuery };
}

/** The response waiting to be checked, if any; it stays in the stash. */
export function stashedResponse(): TakenResponse | undefined {
  return stash.taken;
}

/** Removes and returns the response waiting to be checked, if any. */
export function takeResponse(): TakenResponse | undefined {
  const { taken } = stash;
  stash.taken = undefined;
  return taken;
}

/** Forgets `taken`, checked elsewhere, unless a newer response has taken its place. */
function forgetResponse(taken: TakenResponse): void {
  if (stash.taken === taken) stash.taken = undefined;
}

/**
 * Offers `taken` to the window that started its login, once: a later call gets
 * the same offer. Claimed, the response leaves the stash; unclaimed, it stays,
 * marked for the page to check itself.
 */
export function offerOnce(
  taken: TakenResponse,
  offer: () => Promise<HandBackClaim | null>,
): Promise<HandBackClaim | null> {
  const entry = taken as Entry;
  return (entry.offered ??= offer().then((claim) => {
    if (claim) forgetResponse(taken);
    else entry.unclaimed = true;
    return claim;
  }));
}
