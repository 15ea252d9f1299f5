import { AniapiError } from './events.js';

/** The page, its tab's sessionStorage and the clock that a login runs against; tests pass their own. */
export interface PageEnvironment {
  location: Pick<Location, 'href' | 'origin' | 'pathname' | 'search' | 'hash'>;
  /** Where pending logins are kept: the tab's sessionStorage. */
  storage: Storage;
  /** The current time in ms since the epoch. */
  now: number;
}

/** The real page, now. */
export function currentPage(): PageEnvironment {
  let storage: Storage | null = null;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    // A SecurityError where the browser blocks storage for this site; Firefox gives null instead.
  }
  if (!storage) throw new AniapiError('unsupported', 'This browser blocks sessionStorage, which a sign-in needs.');
  return { location: globalThis.location, storage, now: Date.now() };
}

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

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Whether `url` is https, or http on this machine. */
export function secureOrLocal(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
}

/**
 * Parses an endpoint that will see the user's login or token: an absolute
 * http(s) URL without a fragment, and https unless it is on this machine.
 *
 * @throws {AniapiError} `invalid_config` naming `attribute`.
 */
export function endpointUrl(value: string, attribute: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // Reported below with the attribute's name.
  }
  if (!url || url.hash || !secureOrLocal(url)) {
    throw new AniapiError('invalid_config', `${attribute} must be an absolute https URL (http on localhost) with no fragment.`);
  }
  return url;
}

/**
 * Returns `value` as a URL an `<img>` may load from AniAPI's answer: https,
 * http on this machine, or a `data:image/` URL; null for anything else
 * (`javascript:`, other schemes, relative or unparsable values).
 */
export function imageUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return secureOrLocal(url) || (url.protocol === 'data:' && /^image\//i.test(url.pathname)) ? url.href : null;
}
