/**
 * Registers `<aniapi-login>` (unless a copy already did) and exports its class.
 * @module
 */
import { AniapiLoginElement } from './aniapi-login.js';
import { define } from './define.js';

export { AniapiLoginElement } from './aniapi-login.js';

define('aniapi-login', AniapiLoginElement);
