/**
 * The one object called `name` for the whole page, made by `create` on first
 * use. It is kept on the global object under a registered symbol, so that
 * every copy of the package in the page (an app bundle beside a single file)
 * shares it. A `version` changes when the object's shape does: copies of
 * different shapes then keep one object each instead of misreading the other's.
 */
export function pageSingleton<T extends object>(name: string, create: () => T, version = 1): T {
  const page = globalThis as Record<symbol, T | undefined>;
  return (page[Symbol.for(`aniapi-elements.${name}.v${version}`)] ??= create());
}
