/**
 * aniapi-elements: registers `<aniapi-login>` and `<aniapi-callback>` and
 * exports their classes, the session functions, the expiry watch,
 * `registerMessages` and the plain functions behind the elements for apps that
 * drive the login themselves. The AniAPI client (`aniapi-elements/api`) and
 * the English texts (`aniapi-elements/messages`) are entries of their own, as
 * `<aniapi-user>` and the other languages are, so that a page pays for them
 * only where it uses them; their types (`AniapiUserElement` included) are
 * exported here too.
 * @module
 */
export * from './login.js';
export * from './callback.js';
export * from './session.js';
export * from './expiry.js';
export { registerMessages } from './i18n/message-registry.js';
export type { AniapiMessages, MessagePack } from './i18n/message-registry.js';
export type { AniapiUser, FetchUserOptions } from './http/fetch-user.js';
// Types only: the class is the user entry's, and this entry must not register <aniapi-user>.
export type {
  AniapiUserElement,
  AniapiUserDetail,
  AniapiUserEvent,
  AniapiUserStatus,
} from './elements/user-element.js';
export { beginLogin } from './oauth/begin-login.js';
export type { LoginOptions } from './oauth/begin-login.js';
export { completeLogin } from './response/complete-login.js';
export type { PageEnvironment } from './oauth/page-environment.js';
export { AniapiError } from './oauth/errors.js';
export type { AniapiErrorExtra } from './oauth/errors.js';
export type * from './elements/events.js';
