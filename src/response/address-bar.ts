/**
 * The address-bar scrub: takes an OAuth response off the page's URL and its
 * history entry, synchronously, and leaves every other fragment alone. The
 * elements run it, and so does the pre-scrub (src/bundles/aniapi-scrub.ts), which ships
 * it on its own as a classic script, the first of the callback page.
 */
import { stashResponse } from './response-stash.js';

/**
 * A parameter of an OAuth response, by its whole name or behind a path or another
 * separator (`/cb?access_token`, `#state`): in the query of a callback URL it means
 * a token or code was exposed, in the fragment that the fragment is a response.
 */
const RESPONSE_PARAM =
  /(^|[/?;#])((access|id|refresh)_token|token_type|expires_in|state|scope|code|error(_description|_uri)?)$/;

/**
 * Whether a fragment (with its `#`) is an OAuth response: it sets one of the response's
 * parameters (`name=`, even behind a path such as `#/cb?name=`), however malformed the
 * rest; each name is decoded as the parser decodes it, a `%` that does not decode
 * left as it is. A skip link, an anchor named `error`, or one the strict parser would
 * refuse (`#café`) is not.
 */
function isResponse(fragment: string): boolean {
  return fragment
    .split('&')
    .some((pair) => pair.includes('=') && RESPONSE_PARAM.test([...new URLSearchParams(pair)][0]![0]));
}

/**
 * Takes a response off this page's address bar, synchronously: the fragment
 * leaves the URL and the session history entry, and so does any response
 * parameter that came in the query. The response waits, in memory only, in the
 * response stash. Any other fragment is left where it is. Returns whether the
 * URL held a response.
 *
 * `fragmentOnly`, for the pre-scrub, which may run on every route of an app, and
 * for an element after its first check (on `popstate`, `hashchange`, and when it
 * connects again): response parameters in the query alone (`?state=`, `?code=` on
 * some other page, or an app's own history entry) are then left alone, and the URL
 * is touched only when the fragment is a response.
 */
export function scrubCallbackPage(fragmentOnly?: boolean): boolean {
  const url = new URL(location.href);
  const { hash, search, searchParams } = url;
  for (const name of [...searchParams.keys()]) if (RESPONSE_PARAM.test(name)) searchParams.delete(name);
  const inQuery = url.search != search;
  const inFragment = isResponse(hash);
  if (!inFragment && (fragmentOnly || !inQuery)) return false;
  url.hash = '';
  // Routers keep the URL in history.state too (Vue Router's `current`, maybe relative to
  // its base): the response leaves every form of it there as well, fragment and query, and
  // a fragment that is the response also without its `#`, as a hash-mode router keeps it.
  history.replaceState(
    editStrings(history.state, (text) =>
      text
        .replaceAll(hash, '')
        .replaceAll(inFragment ? hash.slice(1) : hash, '')
        .replaceAll(search, () => url.search),
    ),
    '',
    url.href,
  );
  stashResponse(hash, inQuery);
  return true;
}

type Data = Record<string, unknown>;

/**
 * `item` (a history state: plain data, maybe with cycles) with every string in it
 * rewritten by `edit`, in place. Only plain objects and arrays are entered;
 * anything else is kept as it is.
 */
function editStrings(item: unknown, edit: (text: string) => string, seen = new Set<object>()): unknown {
  if (typeof item === 'string') return edit(item);
  if (isPlainData(item) && !seen.has(item)) {
    seen.add(item);
    // Assigned to a key it already has, `__proto__` included, which therefore stays a key.
    for (const key of Object.keys(item)) item[key] = editStrings(item[key], edit, seen);
  }
  return item;
}

/** Whether `item` is an array or a plain object, the containers of structured-clone data that scripts write. */
function isPlainData(item: unknown): item is Data {
  return (
    Array.isArray(item) ||
    (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype)
  );
}
