/**
 * aniapi-elements: registers `<aniapi-login>` and `<aniapi-callback>` and
 * exports everything, including the session functions, the message registry
 * (English built in; other languages are entries of their own) and the plain
 * functions behind the elements for apps that drive the login themselves.
 * @module
 */
export * from './login.js';
export * from './callback.js';
export * from './session.js';
export { beginLogin } from './login-flow.js';
export type { LoginOptions } from './login-flow.js';
export { completeLogin } from './callback-flow.js';
export * from './expiry.js';
export { CALLBACK_MESSAGES, LOGIN_MESSAGES, registerMessages } from './messages.js';
export type { AniapiMessages, MessagePack } from './messages.js';
export type { PageEnvironment } from './page.js';
export { AniapiError } from './events.js';
export type * from './events.js';
