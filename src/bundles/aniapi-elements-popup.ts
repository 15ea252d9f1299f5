/**
 * The package's `.` entry with popup sign-in lent first, before the elements
 * register: the source of the single file `aniapi-elements-popup.min.js`. It
 * exports `signInWithPopup()` too, since a page without a bundler has no other
 * way to reach it.
 * @module
 */
// First: the popup entry lends the elements its hooks before ../index.js registers them.
export { signInWithPopup } from '../popup.js';
export type { PopupLoginOptions } from '../popup.js';

export * from '../index.js';
