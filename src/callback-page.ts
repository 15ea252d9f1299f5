/**
 * The callback page: registers `<aniapi-callback>` and exports its class. The
 * source of the single file `aniapi-callback.min.js`, which loads the failure
 * view from a file beside it only when a sign-in fails. Its outcome comes as
 * events; a page that also wants the session functions loads
 * `aniapi-login.min.js` or `aniapi-elements.min.js` beside it, which share the
 * one session of the page.
 * @module
 */
export * from './callback.js';
export type * from './elements/events.js';
