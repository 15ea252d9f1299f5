/**
 * The one object called `name` for the whole page, made by `create` on first
 * use. It is kept on the global object under a registered symbol, so that
 * every copy of the package in the page (an app bundle beside a single file)
 * shares it.
 */
export function pageSingleton<T extends object>(name: string, create: () => T): T {
  const page = globalThis as Record<symbol, T | undefined>;
  return (page[Symbol.for(`aniapi-elements.${name}.v1`)] ??= create());
}
