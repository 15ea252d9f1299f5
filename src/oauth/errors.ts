/**
 * The typed failures: every failure the package reports has a stable code,
 * and the elements report each one as the detail of an `aniapi-error` event.
 */

/** Stable codes of every failure reported in an `aniapi-error` event. */
export type AniapiErrorCode =
  /**
   * An attribute or option (`<aniapi-login>`'s, a `store`, an `api-base`) is missing or wrong, or a `redirect-uri` is
   * on another origin than the page; the message names it. An element also writes it to `console.error`, once.
   */
  | 'invalid_config'
  /** The browser lacks WebCrypto or the chosen storage refuses to work. An element also writes it to `console.error`, once. */
  | 'unsupported'
  /** The callback page was opened without a response in its fragment. */
  | 'no_response'
  /**
   * The response breaks the OAuth grammar: repeated parameters, bad encoding, parameters of another grant, a
   * `token_type` other than bearer, a response in the query. One too broken to say which login it answers drops
   * every pending login of the tab.
   */
  | 'malformed_response'
  /** This tab holds no pending login: already used, started in another tab, or cleared. */
  | 'no_pending_login'
  /** The state in the response matches none of this tab's pending logins, while others are still waiting. */
  | 'state_mismatch'
  /** The pending login is older than the time a login may take: 10 minutes. */
  | 'login_expired'
  /** The provider answered with an RFC 6749 `error`: see `error`, `errorDescription` (text only) and `errorUri`. */
  | 'provider_error'
  /** A response for a live login carried no access token. */
  | 'missing_token'
  /** The token's own `exp` claim says it has already expired. */
  | 'token_expired'
  /** `fetchUser()` or `<aniapi-user>`: AniAPI answered 429; `retryAt` says when to try again, if known. */
  | 'rate_limited'
  /** `fetchUser()` or `<aniapi-user>`: AniAPI could not be reached, or its answer could not be read in time. */
  | 'network_error'
  /** `mode="popup"` or `signInWithPopup()`: the browser blocked the popup (it opens only from a click, tap or key press). */
  | 'popup_blocked'
  /** `mode="popup"` or `signInWithPopup()`: the user closed the popup before the sign-in came back. */
  | 'popup_closed'
  /**
   * `mode="popup"` or `signInWithPopup()`: no response came back within `popup-timeout` (or `timeout`) seconds; the
   * popup is closed.
   */
  | 'popup_timeout';

/**
 * Why a response has no pending login, when the tab remembers its state (the last 20 logins it settled, kept in
 * sessionStorage); without a cause, the tab never started that login or has forgotten it:
 * - `used`: this tab already completed that login, successfully or not (a replay), or a malformed response used it up;
 * - `superseded`: a login this tab started later signed in first, which drops the older ones.
 */
export type AniapiErrorCause = 'used' | 'superseded';

/** Detail of `aniapi-error`. `message` is plain text and never holds a token or a state. */
export interface AniapiErrorDetail {
  code: AniapiErrorCode;
  message: string;
  /** For `no_pending_login` and `state_mismatch`: why the response's login is gone, when this tab remembers it. */
  cause?: AniapiErrorCause;
  /** The provider's `error` value, for `provider_error`. */
  error?: string;
  /** The provider's `error_description`, for `provider_error`; render it as text only. */
  errorDescription?: string;
  /** The provider's `error_uri`, for `provider_error`, and only when it is an https URL. */
  errorUri?: string;
  /** For `rate_limited`: when AniAPI takes requests again, in ms since the epoch. */
  retryAt?: number;
}

/** What an {@link AniapiError} knows besides its code and message. */
export interface AniapiErrorExtra extends Omit<AniapiErrorDetail, 'code' | 'message'> {
  /**
   * For `invalid_config`: the element attribute to fix, when the message names an option by another name. The
   * line the element writes to `console.error` says it; the event's detail does not carry it.
   */
  attribute?: string;
}

/**
 * A failure with a stable `code`, thrown by the plain functions and reported by the elements.
 * `error instanceof AniapiError` holds for an error that any copy of the package in the page
 * made (an app's bundle beside a single file, say), not only this copy.
 */
export class AniapiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Each copy has a class of its own; its errors all carry this name.
    return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AniapiError';
  }

  override name = 'AniapiError';

  constructor(
    readonly code: AniapiErrorCode,
    message: string,
    readonly extra: AniapiErrorExtra = {},
  ) {
    super(message);
  }

  /** The detail of the `aniapi-error` event that reports this failure. */
  get detail(): AniapiErrorDetail {
    const detail: AniapiErrorDetail & AniapiErrorExtra = { code: this.code, message: this.message, ...this.extra };
    // The attribute is for the console; listeners keep the detail they always had.
    delete detail.attribute;
    return detail;
  }
}
