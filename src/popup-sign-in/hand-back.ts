/**
 * The callback side of popup sign-in: a response whose login this tab did not
 * start is offered to the window that did, the popup's opener first, then the
 * origin's other tabs, and taken back only if no window claims it.
 */
import { offerOnce, stashedResponse } from '../response/response-stash.js';
import type { HandBackClaim, TakenResponse } from '../response/response-stash.js';
import { isLoginPending } from '../oauth/pending-logins.js';
import { hearPosts, isClaimFor, OFFER, REFUSAL, stateOf } from './channel.js';
import type { Offer, Refusal } from './channel.js';

/** How long a callback page waits for another window to take its response before handling it itself. */
const HAND_BACK_WAIT = 3000;
/** How long a popup waits for its opener alone, before offering the response to the origin's other tabs too. */
const OPENER_FIRST = 300;

/**
 * Offers the page's response to the window that started its login, once per
 * response: the claim, or null when no window took it. Null at once when there
 * is nothing to hand back (no response, or one this tab started).
 */
export function handBack(): Promise<HandBackClaim | null> | null {
  const taken = stashedResponse();
  if (!taken || taken.unclaimed) return null;
  const state = taken.inQuery ? undefined : stateOf(taken.fragment);
  if (state === undefined) {
    tellOpener(taken);
    return null;
  }
  if (startedHere(state)) return null;
  return offerOnce(taken, () => offer(taken.fragment, state));
}

/**
 * A response that cannot say which login it answers (it has no state, the parser refuses it, or it came in the
 * query) is refused where it landed. In a popup, the opener hears that too, and not the response: its login waits
 * for this very window, and fails as a callback page would fail it, rather than wait until the user closes the
 * popup. No other tab hears it: only the opener knows the window it came from.
 */
function tellOpener({ inQuery }: TakenResponse): void {
  const refusal: Refusal = { type: REFUSAL, inQuery };
  postToOpener(window.opener as Window | null, refusal);
}

/** Posts to `opener`, if any: delivered only if it is still a page of this very origin. */
function postToOpener(opener: Window | null, post: Offer | Refusal): void {
  try {
    opener?.postMessage(post, location.origin);
  } catch {
    // An opener that is gone.
  }
}

/** Whether this tab started the login of `state`, and so completes it itself. */
function startedHere(state: string): boolean {
  try {
    return isLoginPending(sessionStorage, state);
  } catch {
    // No sessionStorage here, so no pending login either.
    return false;
  }
}

/** Offers `fragment` and resolves to the first claim for `state`, or to null after the wait. */
function offer(fragment: string, state: string): Promise<HandBackClaim | null> {
  const opener = window.opener as Window | null;
  const post: Offer = { type: OFFER, fragment };
  return new Promise((resolve) => {
    // A claim counts from the opener, or from the origin's other tabs.
    const channel = hearPosts((data, _reply, source) => {
      if ((source === undefined || source === opener) && isClaimFor(data, state)) done({ ok: data.ok === true });
    });
    const timer = setTimeout(() => done(null), HAND_BACK_WAIT);
    // The origin's other tabs hear the response only when the opener did not take it at once, or there is none.
    const others = setTimeout(() => channel.send(post), opener ? OPENER_FIRST : 0);
    postToOpener(opener, post);

    /** Ends the offer with the first claim, or null after the wait, closing what it holds open. */
    function done(claim: HandBackClaim | null): void {
      channel.close();
      clearTimeout(timer);
      clearTimeout(others);
      resolve(claim);
    }
  });
}
