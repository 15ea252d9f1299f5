/**
 * The words the elements show, in the language of the page around them.
 * English is built in; `aniapi-elements/messages/it`, `/fr` and `/ja` register
 * Italian, French and Japanese, and an app registers its own languages or
 * overrides ours with `registerMessages()`. Importing it registers no element.
 *
 * @module
 */
export { CALLBACK_MESSAGES, LOGIN_MESSAGES, registerMessages } from './i18n/message-registry.js';
export type { AniapiMessages, MessagePack } from './i18n/message-registry.js';
