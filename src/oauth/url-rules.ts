/**
 * The URL rules: which addresses a login may send the user or the token to,
 * or show as an image. The path a login returns to has its rule in
 * same-origin-path.ts.
 */
import { AniapiError } from './errors.js';

// The only hosts where plain http is allowed: deliberately narrower than LOOPBACK below, which refuses broadly.
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Whether `url` is https, or http on this machine. */
export function secureOrLocal(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
}

/**
 * Parses an endpoint that will see the user's login or token: an absolute
 * http(s) URL without a fragment, and https unless it is on this machine.
 *
 * @param name The option's name, as the message says it.
 * @param attribute The element attribute that sets it, when the name is another (`apiBase` and `api-base`).
 * @throws {AniapiError} `invalid_config` naming the option.
 */
export function endpointUrl(value: string, name: string, attribute?: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // Reported below with the attribute's name.
  }
  if (!url || url.hash || !secureOrLocal(url)) {
    throw new AniapiError(
      'invalid_config',
      `${name} must be an absolute https URL (http on localhost) with no fragment.`,
      attribute ? { attribute } : {},
    );
  }
  return url;
}

/**
 * The origin of `value`, any URL on it (`https://api.example/v1` gives
 * `https://api.example`): the unit a token may be sent to.
 *
 * @throws {AniapiError} `invalid_config` naming `name` when `value` is no URL with an origin.
 */
export function originOf(value: string, name: string): string {
  let origin = 'null';
  try {
    origin = new URL(value).origin;
  } catch {
    // Refused below, with every other URL that has no origin (data:, file:).
  }
  if (origin === 'null') throw new AniapiError('invalid_config', `${name} must be the URL of an AniAPI server.`);
  return origin;
}

/** The longest `data:` avatar an `<img>` may load, in characters of URL text: 64 KiB. */
export const MAX_DATA_AVATAR_LENGTH = 64 * 1024;

// Every name of this machine the URL parser leaves: 127/8, 0.0.0.0 (which reaches it too),
// [::1], [::], IPv4-mapped IPv6, localhost and its subdomains, with or without a final dot.
const LOOPBACK = /^(127\.|0\.0\.0\.0$|\[::(1?\]|ffff:)|(.+\.)?localhost\.?$)/;

/**
 * Returns `value` as a URL an `<img>` may load from AniAPI's answer: https,
 * http on this machine, or a `data:image/` URL of at most
 * {@link MAX_DATA_AVATAR_LENGTH} characters; null for anything else
 * (`javascript:`, other schemes, relative or unparsable values). An avatar on
 * this machine is refused unless `page` is on it too: a remote server must not
 * make the browser knock on local services.
 */
export function imageUrl(value: unknown, page: Pick<Location, 'hostname'>): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (LOOPBACK.test(url.hostname) && !LOOPBACK.test(page.hostname)) return null;
  const data = url.protocol === 'data:' && /^image\//i.test(url.pathname) && url.href.length <= MAX_DATA_AVATAR_LENGTH;
  return secureOrLocal(url) || data ? url.href : null;
}
