/**
 * A page with the login button: registers `<aniapi-login>` and exports its
 * class and the session functions. The source of the single file
 * `aniapi-login.min.js`; with `aniapi-callback.min.js` and
 * `aniapi-elements.min.js` on one origin, it shares one session.
 * @module
 */
export * from './login.js';
export * from './session.js';
export type * from './elements/events.js';
