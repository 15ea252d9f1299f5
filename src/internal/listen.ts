/**
 * Listens to `types` on `target` until the returned function is called: the one
 * way the package adds and removes its window and document listeners. Without a
 * target (in Node, where a module may be imported for server rendering, there is
 * no `window`) it listens to nothing.
 */
export function listen<E extends Event>(
  target: EventTarget | undefined,
  types: readonly string[],
  listener: (event: E) => void,
): () => void {
  for (const type of types) target?.addEventListener(type, listener as EventListener);
  return () => {
    for (const type of types) target?.removeEventListener(type, listener as EventListener);
  };
}
