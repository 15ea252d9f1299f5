/** The rule for a path to come back to after a login: it stays on the page's origin. */

/**
 * Resolves `value` against the page and returns its path, query and hash when
 * it stays on the page's origin; null for `//other`, `javascript:`, another
 * origin, anything unparsable, and a path that resolves to `//…` (`/.//evil`),
 * which would leave the origin once used as a URL of its own.
 */
export function sameOriginPath(value: string, page: Pick<Location, 'href' | 'origin'>): string | null {
  try {
    const url = new URL(value, page.href);
    const stays = url.origin === page.origin && url.origin !== 'null' && !url.pathname.startsWith('//');
    return stays ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}
