import { AniapiError } from '../oauth/errors.js';

/** Bytes of randomness in a state: 256 bits, twice RFC 6749 §10.10's floor. */
const STATE_BYTES = 32;

/**
 * A fresh state: 32 random bytes from WebCrypto as base64url (43 characters).
 * Base64url has only unreserved characters, which matters because AniAPI
 * echoes the state into the fragment without encoding it again.
 */
export function createState(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new AniapiError('unsupported', 'This browser has no WebCrypto, so a login cannot be started safely.');
  }
  const bytes = crypto.getRandomValues(new Uint8Array(STATE_BYTES));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
