/**
 * The AniAPI client: `fetchUser()` asks the AniAPI server the app names who is
 * signed in. Apart from `./session` so that a page that only needs the token
 * does not load it. Importing it registers nothing.
 *
 * @module
 */
export { fetchUser } from './http/fetch-user.js';
export type { AniapiUser, FetchUserOptions } from './http/fetch-user.js';
