/**
 * Popup sign-in and the hand-back across windows. Importing this module lends
 * the elements two abilities; it registers no element and exports nothing:
 *
 * - `<aniapi-login mode="popup">` opens AniAPI in a popup, opened in the click
 *   so that no popup blocker stops it, and waits in this page, which neither
 *   reloads nor leaves, for the response to come back.
 * - `<aniapi-callback>`, given a response whose login this tab did not start
 *   (it runs in the popup, or the user finished the login in a new tab),
 *   offers it to the window that did: to its opener with `postMessage` aimed
 *   at this exact origin, and to the origin's other tabs over a
 *   `BroadcastChannel` (or, where there is none, `storage` events). Only a
 *   window that waits for a popup login with that very state takes it; it
 *   checks and keeps the token itself, and tells the callback page, which
 *   says so and, as a popup, closes.
 *
 * Load it on the page with the button and on the callback page, before the
 * elements upgrade; `aniapi-elements-popup.min.js` is the single file with it inside.
 *
 * @module
 */
import { completeLogin } from './callback-flow.js';
import { AniapiError } from './events.js';
import { parseFragment } from './fragment.js';
import { abandonPendingLogin, hasPendingLogin } from './pending-logins.js';
import type { HandBackClaim } from './popup-hooks.js';
import { installPopupHooks } from './popup-hooks.js';
import type { AniapiLoginElement } from './aniapi-login.js';
import { checkStore, forgetResponse, takenResponse } from './callback-page.js';

/** The popup's size in CSS pixels: room for AniAPI's login and consent pages. */
const WIDTH = 500;
const HEIGHT = 650;
/** How often the starting page looks whether the user closed the popup: a closed window fires no event here. */
const CLOSED_CHECK = 500;
/** How long a callback page waits for another window to take its response before handling it itself. */
const HAND_BACK_WAIT = 3000;
/** How long a popup waits for its opener alone, before offering the response to the origin's other tabs too. */
const OPENER_FIRST = 300;
// setTimeout runs a longer delay at once.
const MAX_DELAY = 2 ** 31 - 1;

/** The channel's name, and the `localStorage` key of the fallback. */
const CHANNEL = 'aniapi-elements.hand-back.v1';
const OFFER = 'aniapi-elements.offer.v1';
const CLAIM = 'aniapi-elements.claim.v1';

/** A callback page offers its response: the fragment as it arrived. */
interface Offer {
  type: typeof OFFER;
  fragment: string;
}

/** The starting window took the response of the login with this state. */
interface Claim extends HandBackClaim {
  type: typeof CLAIM;
  state: string;
}

type Message = Offer | Claim;

/** A popup login waiting in this page, by its state. */
interface Waiting {
  popup: Window;
  /** Completes the login with `fragment`: whether it signed in, and the end of the wait, for once the claim is sent. */
  take(fragment: string): { ok: boolean; end(): void };
}

// A Map, so that no state can match an inherited property.
const waiting = new Map<string, Waiting>();

interface Channel {
  send(message: Message): void;
  close(): void;
}

/**
 * Talks to the origin's other tabs: over a BroadcastChannel, or, in a browser
 * without one, through `storage` events of a `localStorage` entry written and
 * removed at once.
 */
function openChannel(hear: (data: unknown, channel: Channel) => void): Channel {
  if (typeof BroadcastChannel === 'function') {
    const broadcast = new BroadcastChannel(CHANNEL);
    const channel: Channel = { send: (message) => broadcast.postMessage(message), close: () => broadcast.close() };
    broadcast.onmessage = (event) => hear(event.data, channel);
    return channel;
  }
  const onStorage = (event: StorageEvent): void => {
    if (event.key !== CHANNEL || !event.newValue) return;
    try {
      hear(JSON.parse(event.newValue), channel);
    } catch {
      // Not ours, or not JSON: ignored.
    }
  };
  const channel: Channel = {
    send(message) {
      try {
        localStorage.setItem(CHANNEL, JSON.stringify(message));
        localStorage.removeItem(CHANNEL);
      } catch {
        // Storage refused: nothing reaches the other tabs, and the offer simply goes unclaimed.
      }
    },
    close: () => removeEventListener('storage', onStorage),
  };
  addEventListener('storage', onStorage);
  return channel;
}

function isOffer(data: unknown): data is Offer {
  return (data as Offer | null)?.type === OFFER && typeof (data as Offer).fragment === 'string';
}

/** The state a response answers, or undefined when it has none or cannot be read. */
function stateOf(fragment: string): string | undefined {
  const params = parseFragment(fragment);
  return typeof params === 'string' ? undefined : params.get('state');
}

/**
 * Takes an offered response when a popup login of this page waits for its
 * state (and, when `from` is given, runs in that very window), and answers with a claim.
 */
function consider(data: unknown, answer: (claim: Claim) => void, from?: MessageEventSource | null): void {
  if (!isOffer(data)) return;
  const state = stateOf(data.fragment);
  const login = state === undefined ? undefined : waiting.get(state);
  if (!login || (from !== undefined && from !== login.popup)) return;
  const { ok, end } = login.take(data.fragment);
  answer({ type: CLAIM, state: state!, ok });
  end();
}

installPopupHooks({
  open(element: AniapiLoginElement): Window {
    checkStore(element.store);
    if (!(element.popupTimeout > 0)) throw new AniapiError('invalid_config', 'popup-timeout must be a number of seconds above 0.');
    // Centred on this window, where the user is looking.
    const left = Math.round(screenX + (outerWidth - WIDTH) / 2);
    const top = Math.round(screenY + (outerHeight - HEIGHT) / 2);
    const popup = open('', '_blank', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
    if (!popup) {
      throw new AniapiError('popup_blocked', 'The browser blocked the sign-in window. Allow popups for this site, or try again with a click.');
    }
    return popup;
  },

  run(popup: Window, url: string, element: AniapiLoginElement): Promise<void> {
    const state = new URL(url).searchParams.get('state')!;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown): void => {
        if (!waiting.delete(state)) return;
        clearInterval(closedCheck);
        clearTimeout(timer);
        removeEventListener('message', onMessage);
        channel.close();
        popup.close();
        if (error) reject(error);
        else resolve();
      };
      // The login is over unfinished: its pending record goes, so that a late response cannot complete it.
      const giveUp = (code: 'popup_closed' | 'popup_timeout', message: string): void => {
        if (!waiting.has(state)) return;
        try {
          abandonPendingLogin(sessionStorage, state);
        } catch {
          // Storage refused: there is no record to drop either.
        }
        finish(new AniapiError(code, message));
      };
      waiting.set(state, {
        popup,
        take(fragment) {
          try {
            completeLogin(fragment, element.store);
            return { ok: true, end: () => finish() };
          } catch (error) {
            return { ok: false, end: () => finish(error) };
          }
        },
      });
      const onMessage = (event: MessageEvent): void => {
        if (event.origin !== location.origin) return;
        consider(event.data, (claim) => (event.source as Window).postMessage(claim, location.origin), event.source);
      };
      addEventListener('message', onMessage);
      const channel = openChannel((data, self) => consider(data, (claim) => self.send(claim)));
      const closedCheck = setInterval(() => {
        if (popup.closed) giveUp('popup_closed', 'The sign-in window was closed before the sign-in finished.');
      }, CLOSED_CHECK);
      const timer = setTimeout(
        () => giveUp('popup_timeout', 'The sign-in window took too long and was closed.'),
        Math.min(element.popupTimeout * 1000, MAX_DELAY),
      );
      try {
        popup.location.replace(url);
      } catch {
        giveUp('popup_closed', 'The sign-in window was closed before the sign-in began.');
      }
    });
  },

  handBack(): Promise<HandBackClaim | null> | null {
    const taken = takenResponse();
    if (!taken || taken.inQuery || taken.unclaimed) return null;
    if (taken.offered) return taken.offered;
    const state = stateOf(taken.fragment);
    if (state === undefined) return null;
    try {
      // This tab started the login: it completes it itself.
      if (hasPendingLogin(sessionStorage, state)) return null;
    } catch {
      // No sessionStorage here, so no pending login either: offer the response.
    }
    const opener = window.opener as Window | null;
    const offer: Offer = { type: OFFER, fragment: taken.fragment };
    return (taken.offered = new Promise((resolve) => {
      const done = (claim: HandBackClaim | null): void => {
        clearTimeout(timer);
        clearTimeout(others);
        removeEventListener('message', onMessage);
        channel.close();
        // The response was used elsewhere; this page must not check it again.
        if (claim) forgetResponse(taken);
        else taken.unclaimed = true;
        resolve(claim);
      };
      const hear = (data: unknown): void => {
        const claim = data as Claim | null;
        if (claim?.type === CLAIM && claim.state === state) done({ ok: claim.ok === true });
      };
      const onMessage = (event: MessageEvent): void => {
        if (event.origin === location.origin && event.source === opener) hear(event.data);
      };
      addEventListener('message', onMessage);
      const channel = openChannel(hear);
      const timer = setTimeout(() => done(null), HAND_BACK_WAIT);
      try {
        // Delivered only if the opener is still a page of this very origin.
        opener?.postMessage(offer, location.origin);
      } catch {
        // An opener that is gone.
      }
      // The origin's other tabs hear the response only when the opener did not take it at once, or there is none.
      const others = setTimeout(() => channel.send(offer), opener ? OPENER_FIRST : 0);
    }));
  },
});
