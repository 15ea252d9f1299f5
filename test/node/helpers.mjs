// What the Node tests share: reading the package's own files, by their path from its root.
import { readFile } from 'node:fs/promises';

/** The package's root, as a file URL ending in /. */
export const root = new URL('../../', import.meta.url);

/** The text of the package's file at `path`, a path from its root such as `dist/index.d.ts`. */
export const read = (path) => readFile(new URL(path, root), 'utf8');

/** The package's JSON file at `path`, parsed. */
export const readJson = async (path) => JSON.parse(await read(path));
