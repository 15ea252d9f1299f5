/**
 * A page with the login button and the card that shows who is signed in:
 * registers `<aniapi-login>` and `<aniapi-user>` (unless a copy already did),
 * with one copy of Lit, and exports what `aniapi-login.min.js` and
 * `aniapi-user.min.js` export. The source of the single file
 * `aniapi-login-user.min.js`, the one file of the README's quickstart page.
 * @module
 */
export * from './aniapi-login.js';
export * from '../user.js';
