/** Longest fragment read at all: a real response is a few hundred characters. */
export const MAX_FRAGMENT_LENGTH = 16 * 1024;

/** Characters RFC 3986 allows in a fragment; anything else means the URL was tampered with or mangled. */
const FRAGMENT_CHARS = /^[\w\-.~!$&'()*+,;=:@/?%]*$/;

/** RFC 6749 Appendix A's VSCHAR: every name and value must stay inside it once decoded. */
const VSCHAR = /^[\x20-\x7e]*$/;

/**
 * Parses a URL fragment (with or without its `#`) as `application/x-www-form-urlencoded`,
 * strictly: a malformed `%` sequence, invalid UTF-8, a character outside VSCHAR or a
 * repeated name (even with the same value) makes the whole response unusable.
 * Names are case-sensitive and empty values count as absent.
 *
 * Returns the parameters, or a plain-text reason when the fragment is malformed.
 */
export function parseFragment(fragment: string): Map<string, string> | string {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_LENGTH) return 'The response is far longer than any real one.';
  if (!FRAGMENT_CHARS.test(text)) return 'The response holds characters that a URL fragment cannot.';
  const params = new Map<string, string>();
  const names = new Set<string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (name === null || value === null) return 'The response is not correctly encoded.';
    if (names.has(name)) return 'The response repeats a parameter.';
    names.add(name);
    if (value !== '') params.set(name, value);
  }
  return params;
}

/** Form-decodes one name or value; null when the encoding or the result is not acceptable. */
function decode(encoded: string): string | null {
  let decoded: string;
  try {
    // decodeURIComponent throws on a malformed % sequence and on invalid UTF-8 instead of inserting U+FFFD.
    decoded = decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return null;
  }
  return VSCHAR.test(decoded) ? decoded : null;
}
