/**
 * Popup sign-in alone, without Lit: `aniapi-elements/popup` as a single file,
 * the source of `aniapi-popup.min.js`, loaded beside a page's other single file
 * (`aniapi-login-user.min.js`), whose elements it lends popup mode.
 * @module
 */
export * from '../popup.js';
