/**
 * The callback page: `aniapi-elements/callback` as a single file, the source
 * of `aniapi-callback.min.js`, which loads the failure view from a file beside
 * it only when a sign-in fails. Its outcome comes as events; a page that also
 * wants the session functions loads `aniapi-login.min.js` or
 * `aniapi-elements.min.js` beside it, which share the one session of the page.
 * @module
 */
export * from '../callback.js';
