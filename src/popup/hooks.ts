/**
 * The popup hooks: what `aniapi-elements/popup` lends the elements when it is
 * loaded. Without them, `mode="popup"` is refused and a callback page
 * completes only logins its own tab started.
 */
import type { HandBackClaim } from '../callback/response-stash.js';
import { pageSingleton } from '../internal/page-singleton.js';

export type { HandBackClaim } from '../callback/response-stash.js';

/** What a popup login reads of the button that starts it. */
export interface PopupSettings {
  /** Where to keep the token: `session`, `local` or `memory`; checked before the popup opens. */
  store: string;
  /** Seconds to wait for the response. */
  popupTimeout: number;
}

/** The abilities the popup entry lends the elements. */
export interface PopupHooks {
  /**
   * Opens an empty popup, synchronously in the click, before any other work: a
   * popup blocker lets a window through only then.
   * @throws {AniapiError} `popup_blocked`, or `invalid_config` for the popup settings.
   */
  open(settings: PopupSettings): Window;
  /** Sends `popup` to the authorize `url` and waits for its response; rejects with an {@link AniapiError}. */
  run(popup: Window, url: string, settings: PopupSettings): Promise<void>;
  /** On a callback page: offers a response this tab did not start to the window that did; null when there is none. */
  handBack(): Promise<HandBackClaim | null> | null;
}

// Lent by whichever copy of the package loaded the popup entry.
const lent = pageSingleton<{ hooks?: PopupHooks }>('popup-hooks', () => ({}));

/** The popup hooks, when `aniapi-elements/popup` is loaded (by any copy of the package). */
export function popupHooks(): PopupHooks | undefined {
  return lent.hooks;
}

/** Lends the elements the popup hooks. */
export function installPopupHooks(hooks: PopupHooks): void {
  lent.hooks = hooks;
}
