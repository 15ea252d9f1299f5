/**
 * Registers `<aniapi-user>` (unless a copy already did) and exports its class,
 * its English messages and its types. An entry point of its own, so that a page
 * with only the login button never loads it.
 * @module
 */
import { AniapiUserElement } from './aniapi-user.js';
import { define } from './define.js';

export { AniapiUserElement, USER_MESSAGES } from './aniapi-user.js';
export type { AniapiUserDetail, AniapiUserEvent, AniapiUserStatus } from './aniapi-user.js';
export type { AniapiUser } from './session.js';

define('aniapi-user', AniapiUserElement);
