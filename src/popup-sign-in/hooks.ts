/**
 * The popup hooks: what `aniapi-elements/popup` lends the elements when it is
 * loaded. Without them, `mode="popup"` is refused and a callback page
 * completes only logins its own tab started.
 */
import type { HandBackClaim } from '../response/response-stash.js';
import { pageSingleton } from '../internal/page-singleton.js';
import type { PopupLoginOptions, PopupSignIn } from './sign-in-with-popup.js';

export type { HandBackClaim } from '../response/response-stash.js';

/** The abilities the popup entry lends the elements. */
export interface PopupHooks {
  /**
   * Begins a popup sign-in in the click, as `signInWithPopup()` does: checks
   * the options, opens the popup and records the login.
   * @throws {AniapiError} `invalid_config`, `unsupported` or `popup_blocked`; no popup is left open.
   */
  open(options: PopupLoginOptions): PopupSignIn;
  /** On a callback page: offers a response this tab did not start to the window that did; null when there is none. */
  handBack(): Promise<HandBackClaim | null> | null;
}

// Lent by whichever copy of the package loaded the popup entry. Version 2: `open` begins the whole sign-in, and
// `run` is gone; a copy of the package with the version 1 hooks keeps its own.
const lent = pageSingleton<{ hooks?: PopupHooks }>('popup-hooks', () => ({}), 2);

/** The popup hooks, when `aniapi-elements/popup` is loaded (by any copy of the package). */
export function popupHooks(): PopupHooks | undefined {
  return lent.hooks;
}

/** Lends the elements the popup hooks. */
export function installPopupHooks(hooks: PopupHooks): void {
  lent.hooks = hooks;
}
