/**
 * The package's `.` entry as a single file, for a plain page that uses both
 * elements and the session: the source of `aniapi-elements.min.js`, the file a
 * CDN serves at the package's own address.
 * @module
 */
export * from '../index.js';
