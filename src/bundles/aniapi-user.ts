/**
 * The card that shows who is signed in: `aniapi-elements/user` as a single
 * file, the source of `aniapi-user.min.js`, for a page that loads it beside
 * another single file and shares the session with it.
 * @module
 */
export * from '../user.js';
