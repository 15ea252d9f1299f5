/**
 * Registers `<aniapi-callback>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiCallbackElement } from './aniapi-callback.js';
import { define } from './define.js';

export { AniapiCallbackElement } from './aniapi-callback.js';
export type { CallbackResult } from './aniapi-callback.js';

define('aniapi-callback', AniapiCallbackElement);
