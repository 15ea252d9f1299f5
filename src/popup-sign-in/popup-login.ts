/**
 * The starting side of popup sign-in: opens the popup in the click, sends it
 * to AniAPI, and waits in this page for the response the callback page offers.
 * What a sign-in must check first is in sign-in-with-popup.ts.
 */
import { AniapiError } from '../oauth/errors.js';
import { completeLogin, refuseQueryResponse, refuseResponse } from '../response/complete-login.js';
import { abandonPendingLogin } from '../oauth/pending-logins.js';
import { CLAIM, hearPosts, isOffer, isRefusal, stateOf } from './channel.js';
import type { Refusal, Reply } from './channel.js';
import type { TokenStore } from '../token/token-store.js';
import { MAX_DELAY } from '../internal/max-delay.js';

/** The popup's size in CSS pixels: room for AniAPI's login and consent pages. */
const WIDTH = 500;
const HEIGHT = 650;
/** How often the starting page looks whether the user closed the popup: a closed window fires no event here. */
const CLOSED_CHECK = 500;

/** A popup login waiting in this page, by its state. */
interface Waiting {
  popup: Window;
  /** Where the token goes: the store of the click. */
  store: TokenStore;
  /** Ends the wait, with the failure if the login did not sign in. */
  finish(error?: unknown): void;
}

// A Map, so that no state can match an inherited property.
const waiting = new Map<string, Waiting>();

/**
 * Opens an empty popup, centred on this window, synchronously in the click.
 * @throws {AniapiError} `popup_blocked`.
 */
export function openPopup(): Window {
  const left = Math.round(screenX + (outerWidth - WIDTH) / 2);
  const top = Math.round(screenY + (outerHeight - HEIGHT) / 2);
  const popup = open('', '_blank', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
  if (!popup) {
    throw new AniapiError(
      'popup_blocked',
      'The browser blocked the sign-in window. Allow popups for this site, or try again with a click.',
    );
  }
  return popup;
}

/**
 * Sends `popup` to the authorize `url` and waits for its response, for at most
 * `seconds`; resolves once signed in, the token kept in `store`, or rejects
 * with an {@link AniapiError}. Both settings come checked.
 */
export function runPopupLogin(popup: Window, url: string, store: TokenStore, seconds: number): Promise<void> {
  const state = new URL(url).searchParams.get('state')!;
  return new Promise<void>((resolve, reject) => {
    // Offers come from the popup itself (postMessage) or from the origin's other tabs.
    const channel = hearPosts(consider);
    const stopWatching = watchPopup(popup, state, seconds);
    waiting.set(state, {
      popup,
      store,
      // Everything the wait holds open is undone here, however it ends.
      finish(error) {
        if (!waiting.delete(state)) return;
        channel.close();
        stopWatching();
        popup.close();
        if (error) reject(error);
        else resolve();
      },
    });
    try {
      popup.location.replace(url);
    } catch {
      giveUp(state, 'popup_closed', 'The sign-in window was closed before the sign-in began.');
    }
  });
}

/** Gives up when the user closes the popup, or once `seconds` have passed; returns the function that stops watching. */
function watchPopup(popup: Window, state: string, seconds: number): () => void {
  const closedCheck = setInterval(() => {
    if (popup.closed) giveUp(state, 'popup_closed', 'The sign-in window was closed before the sign-in finished.');
  }, CLOSED_CHECK);
  const timer = setTimeout(
    () => giveUp(state, 'popup_timeout', 'The sign-in window took too long and was closed.'),
    Math.min(seconds * 1000, MAX_DELAY),
  );
  return () => {
    clearInterval(closedCheck);
    clearTimeout(timer);
  };
}

/** Ends a login unfinished: its pending record goes, so that a late response cannot complete it. */
function giveUp(state: string, code: 'popup_closed' | 'popup_timeout', message: string): void {
  const login = waiting.get(state);
  if (!login) return;
  try {
    abandonPendingLogin(sessionStorage, state);
  } catch {
    // Storage refused: there is no record to drop either.
  }
  login.finish(new AniapiError(code, message));
}

/**
 * Takes an offered response when a popup login of this page waits for its
 * state (and, when `from` is given, runs in that very window): checks it as a
 * callback page would, keeping the token in the button's store, and answers
 * with a claim before the wait ends.
 */
function consider(data: unknown, answer: Reply, from?: MessageEventSource | null): void {
  if (isRefusal(data)) return refusedInPopup(data, from);
  if (!isOffer(data)) return;
  const state = stateOf(data.fragment);
  // A response without a state names no login: its popup refuses it and says so.
  if (state === undefined) return;
  const login = waiting.get(state);
  if (!login || (from !== undefined && from !== login.popup)) return;
  let ok = true;
  let failure: unknown;
  try {
    completeLogin(data.fragment, login.store);
  } catch (error) {
    ok = false;
    failure = error;
  }
  answer({ type: CLAIM, state, ok });
  login.finish(failure);
}

/**
 * The popup of a login here refused its response, which names no login: that login fails with
 * `malformed_response`, and the tab's pending logins go, as a callback page drops them for a response too broken
 * to read. Heard only from the popup itself: over the channel, a refusal belongs to no login.
 */
function refusedInPopup({ inQuery }: Refusal, from: MessageEventSource | null | undefined): void {
  const login = from ? [...waiting.values()].find((each) => each.popup === from) : undefined;
  if (!login) return;
  login.finish(
    inQuery
      ? refuseQueryResponse()
      : refuseResponse('The sign-in window got a response that names no sign-in, or cannot be read.'),
  );
}
