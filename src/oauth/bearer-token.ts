import { MAX_FRAGMENT_LENGTH } from './fragment-parser.js';

/** RFC 6750's b64token: the only characters a bearer token may have. */
const B64TOKEN = /^[\w\-.~+/]+=*$/;

/**
 * Whether `token` can be a bearer token: RFC 6750's b64token, no longer than a
 * callback response may be. Anything else could not have come through the
 * callback, and could not be sent in an `Authorization` header.
 */
export function isBearerToken(token: unknown): token is string {
  return typeof token === 'string' && token.length <= MAX_FRAGMENT_LENGTH && B64TOKEN.test(token);
}
