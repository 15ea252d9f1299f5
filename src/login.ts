/**
 * Registers `<aniapi-login>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiLoginElement } from './elements/login-element.js';
import { define } from './elements/define.js';

export { AniapiLoginElement } from './elements/login-element.js';

define('aniapi-login', AniapiLoginElement);
