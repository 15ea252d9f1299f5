import type { AniapiLoginElement } from './aniapi-login.js';

/** How a popup login went, as the tab that started it tells the callback page that handed it the response. */
export interface HandBackClaim {
  /** Whether the starting tab signed in with the response. */
  ok: boolean;
}

/**
 * What `aniapi-elements/popup` lends the elements. Without it, `mode="popup"`
 * is refused and a callback page completes only logins its own tab started.
 */
export interface PopupHooks {
  /**
   * Opens an empty popup, synchronously in the click, before any other work: a
   * popup blocker lets a window through only then.
   * @throws {AniapiError} `popup_blocked`, or `invalid_config` for the element's popup settings.
   */
  open(element: AniapiLoginElement): Window;
  /**
   * Sends `popup` to the authorize `url` and waits for the response it
   * hands back; resolves once signed in, rejects with an {@link AniapiError}.
   */
  run(popup: Window, url: string, element: AniapiLoginElement): Promise<void>;
  /**
   * On a callback page: when the response's login was not started in this
   * tab, offers it to the tab that started it. Resolves to that tab's claim,
   * or null when no tab took it; returns null at once when there is nothing to hand back.
   */
  handBack(): Promise<HandBackClaim | null> | null;
}

const HOOKS = Symbol.for('aniapi-elements.popup.v1');

/** The popup hooks, when `aniapi-elements/popup` is loaded (by any copy of the package). */
export function popupHooks(): PopupHooks | undefined {
  return (globalThis as { [HOOKS]?: PopupHooks })[HOOKS];
}

/** Lends the elements the popup hooks. */
export function installPopupHooks(hooks: PopupHooks): void {
  (globalThis as { [HOOKS]?: PopupHooks })[HOOKS] = hooks;
}
