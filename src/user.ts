/**
 * Registers `<aniapi-user>` (unless a copy already did) and exports its class,
 * its English messages, its types and the AniAPI client it uses (`fetchUser`,
 * also in `aniapi-elements/api`). An entry point of its own, so that a page
 * with only the login button never loads it.
 * @module
 */
import { AniapiUserElement } from './elements/user-element.js';
import { define } from './elements/define.js';

export { AniapiUserElement } from './elements/user-element.js';
export { USER_MESSAGES } from './i18n/english-messages.js';
export type { AniapiUserDetail, AniapiUserEvent, AniapiUserStatus } from './elements/user-element.js';
export { fetchUser } from './http/fetch-user.js';
export type { AniapiUser, FetchUserOptions } from './http/fetch-user.js';

define('aniapi-user', AniapiUserElement);
