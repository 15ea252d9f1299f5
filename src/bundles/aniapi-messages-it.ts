/**
 * The Italian texts: `aniapi-elements/messages/it` as a single file, the
 * source of `aniapi-messages-it.min.js`, loaded beside a page's other single
 * file (it registers into the page's one message registry).
 * @module
 */
export * from '../languages/it.js';
