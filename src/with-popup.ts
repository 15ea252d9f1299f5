/**
 * The package's `.` entry with popup sign-in lent first, before the elements
 * register: the source of the single file `aniapi-elements-popup.min.js`.
 * @module
 */
import './popup.js';

export * from './index.js';
