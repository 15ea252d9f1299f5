/**
 * An element's styles as a constructable stylesheet, which Lit adopts as it is
 * and every browser the package supports has: no `css` tag and `CSSResult`
 * class to ship. Where there is no stylesheet class (Node, importing the
 * elements for server-side rendering) there are no styles, as there is no
 * shadow root to adopt them.
 */
export function styleSheet(text: string): CSSStyleSheet | [] {
  const Sheet = globalThis.CSSStyleSheet;
  if (!Sheet) return [];
  const sheet = new Sheet();
  sheet.replaceSync(text);
  return sheet;
}
