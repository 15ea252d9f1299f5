// The package's entries as its exports map names them, for the tests that load the
// built package in a page by URL, as an app's bundler resolves `aniapi-elements/...`.

type Target = string | { default?: string };
const { exports } = (await (await fetch('/package.json')).json()) as { exports: Record<string, Target> };

/** The entries of the exports map, `.` and `./messages/it` say. */
export const ENTRIES = Object.keys(exports);

/** Imports the built module of the entry `entry` (`.`, `./popup`, ...) by URL. */
export function loadEntry<T>(entry: string): Promise<T> {
  const target = exports[entry];
  const file = typeof target === 'string' ? target : target?.default;
  if (!file) throw new Error(`the package exports no module as ${entry}`);
  return import(/* @vite-ignore */ file.slice(1));
}
