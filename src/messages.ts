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
export type {
  AniapiMessages,
  CallbackFailureMessages,
  CallbackProgressMessages,
  LoginMessages,
  MessagePack,
  UserMessages,
} from './i18n/message-registry.js';
import { CALLBACK_FAILURE_MESSAGES } from './i18n/callback-failure-messages.js';
import { CALLBACK_PROGRESS_MESSAGES } from './i18n/english-messages.js';
import type { CallbackFailureMessages, CallbackProgressMessages } from './i18n/message-registry.js';

/** The built-in English texts of `<aniapi-callback>`, its failures' included. */
export const CALLBACK_MESSAGES: CallbackProgressMessages & CallbackFailureMessages = {
  ...CALLBACK_PROGRESS_MESSAGES,
  ...CALLBACK_FAILURE_MESSAGES,
};
