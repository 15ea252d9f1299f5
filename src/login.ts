/**
 * Registers `<aniapi-login>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiLoginElement } from './elements/login-element.js';
import { define } from './elements/define.js';

export { AniapiLoginElement } from './elements/login-element.js';
// The events' types, which also bring their global augmentation along: a page that imports only
// this entry gets addEventListener('aniapi-token', …) typed, its detail and all.
export type * from './elements/events.js';

define('aniapi-login', AniapiLoginElement);
