/**
 * Sets `node`'s text only when it differs, so that a live region does not
 * announce the same words again; `before` runs first, only when it does.
 */
export function setText(node: Node, text: string, before?: () => void): void {
  if (node.textContent === text) return;
  before?.();
  node.textContent = text;
}
