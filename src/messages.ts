/**
 * The words the elements show, in the language of the page around them.
 * English is built in; `aniapi-elements/messages/it`, `/fr` and `/ja` register
 * Italian, French and Japanese, and an app registers its own languages or
 * overrides ours with `registerMessages()`. Importing it registers no element.
 *
 * @module
 */
export { registerMessages } from './i18n/message-registry.js';
export { LOGIN_MESSAGES } from './i18n/english-messages.js';
export { CALLBACK_MESSAGES } from './i18n/callback-messages.js';
export type { AniapiMessages, MessagePack } from './i18n/message-registry.js';
