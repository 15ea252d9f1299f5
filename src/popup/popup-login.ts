/**
 * The starting side of popup sign-in: opens the popup in the click, sends it
 * to AniAPI, and waits in this page for the response the callback page offers.
 */
import { AniapiError } from '../oauth/errors.js';
import { completeLogin } from '../oauth/complete-login.js';
import { abandonPendingLogin } from '../oauth/pending-logins.js';
import { CLAIM, hearMessages, isOffer, stateOf } from './channel.js';
import type { Reply } from './channel.js';
import type { PopupSettings } from './hooks.js';
import { checkStore } from '../session/token-store.js';
import type { TokenStore } from '../session/token-store.js';

/** The popup's size in CSS pixels: room for AniAPI's login and consent pages. */
const WIDTH = 500;
const HEIGHT = 650;
/** How often the starting page looks whether the user closed the popup: a closed window fires no event here. */
const CLOSED_CHECK = 500;
// setTimeout runs a longer delay at once.
const MAX_DELAY = 2 ** 31 - 1;

type Finish = (error?: unknown) => void;

/** A popup login waiting in this page, by its state. */
interface Waiting {
  popup: Window;
  /** Completes the login with `fragment`: whether it signed in, and the end of the wait, for once the claim is sent. */
  take(fragment: string): { ok: boolean; end(): void };
}

// A Map, so that no state can match an inherited property.
const waiting = new Map<string, Waiting>();

/**
 * Opens an empty popup, centred on this window, synchronously in the click.
 * @throws {AniapiError} `popup_blocked`, or `invalid_config` for the popup settings.
 */
export function openPopup(settings: PopupSettings): Window {
  checkStore(settings.store);
  if (!(settings.popupTimeout > 0))
    throw new AniapiError('invalid_config', 'popup-timeout must be a number of seconds above 0.');
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

/** Sends `popup` to the authorize `url` and waits for its response; resolves once signed in. */
export function runPopupLogin(popup: Window, url: string, settings: PopupSettings): Promise<void> {
  const state = new URL(url).searchParams.get('state')!;
  // The settings as openPopup() checked them in the click: a later change cannot send the token elsewhere.
  const { store, popupTimeout } = settings;
  checkStore(store);
  return new Promise<void>((resolve, reject) => {
    // Everything the wait holds open, undone in one place however it ends.
    const disposers = new Set<() => void>();
    const finish: Finish = (error) => {
      if (!waiting.delete(state)) return;
      for (const dispose of disposers) dispose();
      if (error) reject(error);
      else resolve();
    };
    waiting.set(state, { popup, take: (fragment) => complete(fragment, store, finish) });
    // Offers come from the popup itself (postMessage) or from the origin's other tabs.
    hearMessages(disposers, consider);
    watchPopup(popup, state, popupTimeout, disposers, finish);
    disposers.add(() => popup.close());
    try {
      popup.location.replace(url);
    } catch {
      giveUp(state, finish, 'popup_closed', 'The sign-in window was closed before the sign-in began.');
    }
  });
}

/** Checks an offered response as a callback page would, keeping the token in the button's store. */
function complete(fragment: string, store: TokenStore, finish: Finish): { ok: boolean; end(): void } {
  try {
    completeLogin(fragment, store);
    return { ok: true, end: () => finish() };
  } catch (error) {
    return { ok: false, end: () => finish(error) };
  }
}

/** Gives up when the user closes the popup, or once `seconds` have passed. */
function watchPopup(popup: Window, state: string, seconds: number, disposers: Set<() => void>, finish: Finish): void {
  const closedCheck = setInterval(() => {
    if (popup.closed)
      giveUp(state, finish, 'popup_closed', 'The sign-in window was closed before the sign-in finished.');
  }, CLOSED_CHECK);
  const timer = setTimeout(
    () => giveUp(state, finish, 'popup_timeout', 'The sign-in window took too long and was closed.'),
    Math.min(seconds * 1000, MAX_DELAY),
  );
  disposers.add(() => clearInterval(closedCheck)).add(() => clearTimeout(timer));
}

/** Ends a login unfinished: its pending record goes, so that a late response cannot complete it. */
function giveUp(state: string, finish: Finish, code: 'popup_closed' | 'popup_timeout', message: string): void {
  if (!waiting.has(state)) return;
  try {
    abandonPendingLogin(sessionStorage, state);
  } catch {
    // Storage refused: there is no record to drop either.
  }
  finish(new AniapiError(code, message));
}

/**
 * Takes an offered response when a popup login of this page waits for its
 * state (and, when `from` is given, runs in that very window), and answers with a claim.
 */
function consider(data: unknown, answer: Reply, from?: MessageEventSource | null): void {
  if (!isOffer(data)) return;
  const state = stateOf(data.fragment);
  const login = state === undefined ? undefined : waiting.get(state);
  if (!login || (from !== undefined && from !== login.popup)) return;
  const { ok, end } = login.take(data.fragment);
  answer({ type: CLAIM, state: state!, ok });
  end();
}
