/**
 * Registers a tag unless it is already taken, so that loading the package
 * twice (an app bundle beside the single-file build) does not throw, and so
 * that importing in Node, where there may be no registry, does nothing.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}
