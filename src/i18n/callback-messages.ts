/** The English texts of `<aniapi-callback>` as one table, for the `aniapi-elements/messages` entry. */
import { CALLBACK_FAILURE_MESSAGES } from './callback-failure-messages.js';
import { CALLBACK_PROGRESS_MESSAGES } from './english-messages.js';

/** The built-in English texts of `<aniapi-callback>`, its failures' included. */
export const CALLBACK_MESSAGES: typeof CALLBACK_PROGRESS_MESSAGES & typeof CALLBACK_FAILURE_MESSAGES = {
  ...CALLBACK_PROGRESS_MESSAGES,
  ...CALLBACK_FAILURE_MESSAGES,
};
