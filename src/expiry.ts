/**
 * Expiry timers for pages that use the session without the elements: a
 * warning a configurable time before the token expires, and the end of the
 * session when it does, without polling. Importing it registers nothing.
 *
 * @module
 */
export { DEFAULT_EXPIRY_WARNING, watchExpiry } from './token/expiry-watch.js';
export type { ExpiringSession, ExpiryOptions } from './token/expiry-watch.js';
