/**
 * Popup sign-in and the hand-back across windows. It exports
 * `signInWithPopup()`, the promise API for apps that start the sign-in from
 * their own code, and importing it lends the elements two abilities (it
 * registers no element):
 *
 * - `<aniapi-login mode="popup">` opens AniAPI in a popup, opened in the click
 *   so that no popup blocker stops it, and waits in this page, which neither
 *   reloads nor leaves, for the response to come back. It takes the same path
 *   as `signInWithPopup()`.
 * - `<aniapi-callback>`, given a response whose login this tab did not start
 *   (it runs in the popup, or the user finished the login in a new tab),
 *   offers it to the window that did: to its opener with `postMessage` aimed
 *   at this exact origin, and to the origin's other tabs over a
 *   `BroadcastChannel` (or, where there is none, `storage` events). Only a
 *   window that waits for a popup login with that very state takes it; it
 *   checks and keeps the token itself, and tells the callback page, which
 *   says so and, as a popup, closes.
 *
 * Load it on the page that signs in and on the callback page, before the
 * elements upgrade; `aniapi-elements-popup.min.js` is the single file with it inside.
 *
 * @module
 */
import { handBack } from './popup-sign-in/hand-back.js';
import { installPopupHooks } from './popup-sign-in/hooks.js';
import { openPopupSignIn } from './popup-sign-in/sign-in-with-popup.js';

export { signInWithPopup } from './popup-sign-in/sign-in-with-popup.js';
export type { PopupLoginOptions } from './popup-sign-in/sign-in-with-popup.js';

installPopupHooks({ open: openPopupSignIn, handBack });
