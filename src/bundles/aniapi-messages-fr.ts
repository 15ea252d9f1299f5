/**
 * The French texts: `aniapi-elements/messages/fr` as a single file, the
 * source of `aniapi-messages-fr.min.js`, loaded beside a page's other single
 * file (it registers into the page's one message registry).
 * @module
 */
export * from '../languages/fr.js';
