/**
 * The Japanese texts: `aniapi-elements/messages/ja` as a single file, the
 * source of `aniapi-messages-ja.min.js`, loaded beside a page's other single
 * file (it registers into the page's one message registry).
 * @module
 */
export * from '../languages/ja.js';
