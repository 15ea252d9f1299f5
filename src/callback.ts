/**
 * Registers `<aniapi-callback>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiCallbackElement } from './elements/callback-element.js';
import { define } from './elements/define.js';

export { AniapiCallbackElement } from './elements/callback-element.js';
export type { CallbackResult } from './elements/callback-element.js';
// The events' types, which also bring their global augmentation along: a page that imports only
// this entry gets addEventListener('aniapi-token', …) typed, its detail and all.
export type * from './elements/events.js';

define('aniapi-callback', AniapiCallbackElement);
