/**
 * A page with the login button: registers `<aniapi-login>` and exports its
 * class and the session as a page reads it (`getSession`, `getToken`,
 * `onChange`, `logout`; `setToken`, for apps that keep a token themselves, is
 * in `aniapi-elements.min.js`). The source of the single file
 * `aniapi-login.min.js`; with `aniapi-callback.min.js` and
 * `aniapi-elements.min.js` on one origin, it shares one session.
 * @module
 */
export * from '../login.js';
export { getSession, getToken, logout, onChange } from '../token/token-store.js';
export type { LogoutReason, Session, SessionChangeReason, SessionListener, TokenStore } from '../token/token-store.js';
export type * from '../elements/events.js';
