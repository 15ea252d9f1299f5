import { completeLogin, refuseResponse } from './callback-flow.js';
import type { AniapiErrorDetail, AniapiTokenDetail } from './events.js';
import { AniapiError } from './events.js';
import type { TokenStore } from './session.js';
import { getToken } from './session.js';
import type { HandBackClaim } from './popup-hooks.js';

/** The outcome of a callback page: the token's detail, or the failure's. */
export type CallbackResult = { ok: true; token: AniapiTokenDetail } | { ok: false; error: AniapiErrorDetail };

/** The stores a token may be kept in. */
export const STORES: readonly string[] = ['session', 'local', 'memory'];

/** A response taken off the address bar and not yet checked. */
export interface TakenResponse {
  fragment: string;
  inQuery: boolean;
  /** Set by `aniapi-elements/popup`: the one offer of this response to the window that started its login, which every element of the page waits for. */
  offered?: Promise<HandBackClaim | null>;
  /** Set by `aniapi-elements/popup`: no window took the offer, so the page checks the response itself. */
  unclaimed?: true;
}

// Kept on the global object so that every <aniapi-callback> in the page, and a
// second copy of the package, reports the one outcome instead of a false no_response.
const OUTCOME = Symbol.for('aniapi-elements.callback.v1');
const TAKEN = Symbol.for('aniapi-elements.callback-response.v1');
const page = globalThis as { [OUTCOME]?: CallbackResult; [TAKEN]?: TakenResponse };

/** Parameters of an OAuth response; in the query of a callback URL they mean a token or code was exposed. */
const RESPONSE_PARAMS = ['access_token', 'state', 'token_type', 'expires_in', 'scope', 'error', 'error_description', 'error_uri', 'code', 'id_token', 'refresh_token'];

/**
 * Whether a fragment is an OAuth response: it sets one of the response's
 * parameters (`name=`), however malformed the rest. A skip link, an anchor
 * named `error`, or one the strict parser would refuse (`#café`) is not.
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
      return RESPONSE_PARAMS.includes(name);
    });
}

/**
 * Takes a response off this page's address bar, synchronously: the fragment
 * leaves the URL and the session history entry, and so does any response
 * parameter that came in the query. The response waits, in memory only, for
 * {@link readCallbackPage}. Any other fragment is left where it is. Returns
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
  page[TAKEN] = { fragment, inQuery: inQuery.length > 0 };
  return true;
}

/** The response taken off the address bar and waiting to be checked, if any. */
export function takenResponse(): TakenResponse | undefined {
  return page[TAKEN];
}

/** Forgets `taken`, checked elsewhere, unless a newer response has taken its place. */
export function forgetResponse(taken: TakenResponse): void {
  if (page[TAKEN] === taken) delete page[TAKEN];
}

/**
 * Reads this page's OAuth response once: scrubs it if still in the address
 * bar, then completes the login, keeping the token in `store`. A later call
 * with no new response gets the same outcome again, unless it was a login
 * that has ended since.
 */
export function readCallbackPage(store: string): CallbackResult {
  scrubCallbackPage();
  const taken = page[TAKEN];
  delete page[TAKEN];
  const known = page[OUTCOME];
  // A login that has since ended (logout, expiry) is not reported again as a success.
  const current = known && (!known.ok || known.token.accessToken === getToken());
  const fresh = taken && (taken.inQuery || (taken.fragment !== '' && taken.fragment !== '#'));
  if (!fresh && known && current) return known;
  return (page[OUTCOME] = settle(taken?.fragment ?? '', store, taken?.inQuery ?? false));
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
    for (const [key, entry] of Object.entries(item)) Object.defineProperty(out, key, { value: copy(entry), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return copy(value);
}

/** Throws `invalid_config` unless `store` is one of {@link STORES}: an attribute may hold anything. */
export function checkStore(store: string): asserts store is TokenStore {
  if (!STORES.includes(store)) throw new AniapiError('invalid_config', 'store must be session, local or memory.');
}

function settle(fragment: string, store: string, responseInQuery: boolean): CallbackResult {
  try {
    checkStore(store);
    if (responseInQuery) {
      throw refuseResponse('The response came in the query, where servers and logs see it, and is refused.');
    }
    return { ok: true, token: completeLogin(fragment, store) };
  } catch (error) {
    if (error instanceof AniapiError) return { ok: false, error: error.detail };
    throw error;
  }
}
