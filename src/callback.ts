/**
 * Registers `<aniapi-callback>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiCallbackElement } from './elements/callback-element.js';
import { define } from './elements/define.js';

export { AniapiCallbackElement } from './elements/callback-element.js';
export type { CallbackResult } from './elements/callback-element.js';

define('aniapi-callback', AniapiCallbackElement);
