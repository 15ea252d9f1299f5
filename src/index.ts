/**
 * aniapi-elements: registers `<aniapi-login>` and `<aniapi-callback>` and
 * exports everything, including the session functions, the AniAPI client, the
 * message registry (English built in; other languages are entries of their
 * own) and the plain functions behind the elements for apps that drive the
 * login themselves.
 * @module
 */
export * from './login.js';
export * from './callback.js';
export * from './session.js';
export * from './api.js';
export * from './expiry.js';
export * from './messages.js';
export { beginLogin } from './oauth/begin-login.js';
export type { LoginOptions } from './oauth/begin-login.js';
export { completeLogin } from './oauth/complete-login.js';
export type { PageEnvironment } from './oauth/page-environment.js';
export { AniapiError } from './oauth/errors.js';
export type * from './elements/events.js';
