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
