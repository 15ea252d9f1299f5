/**
 * The address-bar scrub: takes an OAuth response off the page's URL and its
 * history entry, synchronously, and leaves every other fragment alone.
 */
import { stashResponse } from './response-stash.js';

/** Parameters of an OAuth response; in the query of a callback URL they mean a token or code was exposed. */
const RESPONSE_PARAMS = [
  'access_token',
  'state',
  'token_type',
  'expires_in',
  'scope',
  'error',
  'error_description',
  'error_uri',
  'code',
  'id_token',
  'refresh_token',
];

/**
 * Whether a fragment is an OAuth response: it sets one of the response's
 * parameters (`name=`, even behind a path such as `#/cb?name=`), however
 * malformed the rest. A skip link, an anchor named `error`, or one the strict
 * parser would refuse (`#café`) is not.
 */
function isResponse(fragment: string): boolean {
  return fragment
    .slice(1)
    .split('&')
    .some((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return false;
      let name = pair.slice(0, eq).replace(/\+/g, ' ');
      try {
        name = decodeURIComponent(name);
      } catch {
        // A name that does not decode is compared as written.
      }
      // Behind a path or another separator (`#/cb?access_token=`) it is still a response, mangled.
      return RESPONSE_PARAMS.includes(name.replace(/^.*[/?;#]/, ''));
    });
}

/**
 * Takes a response off this page's address bar, synchronously: the fragment
 * leaves the URL and the session history entry, and so does any response
 * parameter that came in the query. The response waits, in memory only, in the
 * response stash. Any other fragment is left where it is. Returns
 * whether the URL held a response.
 */
export function scrubCallbackPage(): boolean {
  const { href } = location;
  const url = new URL(href);
  const hashAt = href.indexOf('#');
  const fragment = hashAt < 0 ? '' : href.slice(hashAt);
  const inQuery = RESPONSE_PARAMS.filter((name) => url.searchParams.has(name));
  if (!isResponse(fragment) && inQuery.length === 0) return false;
  const search = url.search;
  inQuery.forEach((name) => url.searchParams.delete(name));
  url.hash = '';
  // Routers keep the URL in history.state too (Vue Router's `current`, maybe relative to
  // its base): the response leaves every form of it there as well.
  const pairs: [string, string][] = [
    [href, url.href],
    [href.slice(url.origin.length), url.href.slice(url.origin.length)],
  ];
  if (fragment.length > 1) pairs.push([fragment, '']);
  if (inQuery.length > 0) pairs.push([search, url.search]);
  history.replaceState(withoutText(history.state, pairs), '', url.href);
  stashResponse(fragment, inQuery.length > 0);
  return true;
}

/**
 * A copy of `value` (a history state: plain data) in which every string that
 * holds one of the pairs' first text holds its second instead. Only plain
 * objects and arrays are copied; anything else is kept as it is.
 */
function withoutText(value: unknown, pairs: [string, string][]): unknown {
  const seen = new Map<object, unknown>();
  const copy = (item: unknown): unknown => {
    if (typeof item === 'string') return pairs.reduce((text, [from, to]) => text.split(from).join(to), item);
    if (item === null || typeof item !== 'object') return item;
    if (seen.has(item)) return seen.get(item);
    if (Array.isArray(item)) {
      const out: unknown[] = [];
      seen.set(item, out);
      for (const entry of item) out.push(copy(entry));
      return out;
    }
    if (Object.getPrototypeOf(item) !== Object.prototype) return item;
    const out: Record<string, unknown> = {};
    seen.set(item, out);
    // Defined, not assigned, so that an own `__proto__` key stays a key.
    for (const [key, entry] of Object.entries(item))
      Object.defineProperty(out, key, { value: copy(entry), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return copy(value);
}
