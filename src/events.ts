/**
 * The events the elements fire, their details, and the typed failures behind
 * `aniapi-error`. Each event is typed once here and added to
 * `GlobalEventHandlersEventMap`, so `addEventListener('aniapi-token', e => ...)`
 * knows its detail.
 */

/** Stable codes of every failure reported in an `aniapi-error` event. */
export type AniapiErrorCode =
  /** An attribute of `<aniapi-login>` is missing or not acceptable. */
  | 'invalid_config'
  /** The browser lacks WebCrypto or the chosen storage refuses to work. */
  | 'unsupported'
  /** The callback page was opened without a response in its fragment. */
  | 'no_response'
  /** The response breaks the OAuth grammar (duplicates, bad encoding, forbidden parameters). */
  | 'malformed_response'
  /** This tab holds no pending login: already used, never started here, or cleared. */
  | 'no_pending_login'
  /** The state in the response matches none of this tab's pending logins. */
  | 'state_mismatch'
  /** The pending login is older than the time a login may take. */
  | 'login_expired'
  /** The provider answered with an RFC 6749 `error`. */
  | 'provider_error'
  /** A response for a live login carried no access token. */
  | 'missing_token'
  /** The token's own `exp` claim says it has already expired. */
  | 'token_expired'
  /** AniAPI answered 429: too many requests; `retryAt` says when to try again, if known. */
  | 'rate_limited'
  /** AniAPI could not be reached, or its answer could not be read. */
  | 'network_error'
  /** `mode="popup"`: the browser blocked the popup (it opens only from a click, tap or key press). */
  | 'popup_blocked'
  /** `mode="popup"`: the user closed the popup before the sign-in came back. */
  | 'popup_closed'
  /** `mode="popup"`: no response came back within `popup-timeout` seconds; the popup is closed. */
  | 'popup_timeout';

/**
 * Why a response has no pending login, when the tab remembers its state:
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

/** Detail of `aniapi-token`. */
export interface AniapiTokenDetail {
  /** The bearer token to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** When the token stops working, in ms since the epoch, from the JWT `exp` claim; `null` when unknown. */
  expiresAt: number | null;
  /** The same-origin path the login started from, on the callback's own event; `null` otherwise. */
  returnTo: string | null;
}

/** Detail of `aniapi-login`. */
export interface AniapiLoginDetail {
  /** The authorize URL the browser is about to open. */
  url: string;
}

/**
 * Why the session ended: `logout()` was called (here or in another tab), the
 * token's `exp` passed, or AniAPI refused the token with a 401.
 */
export type LogoutReason = 'logout' | 'expired' | 'unauthorized';

/** Detail of `aniapi-logout`. */
export interface AniapiLogoutDetail {
  reason: LogoutReason;
}

export type AniapiErrorEvent = CustomEvent<AniapiErrorDetail>;
export type AniapiTokenEvent = CustomEvent<AniapiTokenDetail>;
export type AniapiLoginEvent = CustomEvent<AniapiLoginDetail>;
export type AniapiLogoutEvent = CustomEvent<AniapiLogoutDetail>;

/** Detail of `aniapi-expiring`. */
export interface AniapiExpiringDetail {
  /** When the token stops working, in ms since the epoch. */
  expiresAt: number;
}

export type AniapiExpiringEvent = CustomEvent<AniapiExpiringDetail>;

/** Detail of `aniapi-handed-back`. */
export interface AniapiHandedBackDetail {
  /** Whether this page is the login's popup, which then closes itself. */
  popup: boolean;
}

export type AniapiHandedBackEvent = CustomEvent<AniapiHandedBackDetail>;

/** The package's events by name; an entry point with an event of its own adds it here by module augmentation. */
export interface AniapiEventMap {
  'aniapi-expiring': AniapiExpiringEvent;
  'aniapi-error': AniapiErrorEvent;
  'aniapi-token': AniapiTokenEvent;
  'aniapi-login': AniapiLoginEvent;
  'aniapi-logout': AniapiLogoutEvent;
  'aniapi-handed-back': AniapiHandedBackEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges our events into the DOM's map
  interface GlobalEventHandlersEventMap extends AniapiEventMap {}
}

/**
 * Fires one of the package's events: bubbling and composed, so a listener on
 * `document` hears it from inside any shadow root. Returns false when a
 * listener cancelled a cancelable event.
 */
export function emit<K extends keyof AniapiEventMap>(
  target: EventTarget,
  type: K,
  detail: AniapiEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** A failure with a stable `code`, thrown by the plain functions and reported by the elements. */
export class AniapiError extends Error {
  override name = 'AniapiError';

  constructor(
    readonly code: AniapiErrorCode,
    message: string,
    readonly extra: Omit<AniapiErrorDetail, 'code' | 'message'> = {},
  ) {
    super(message);
  }

  /** The detail of the `aniapi-error` event that reports this failure. */
  get detail(): AniapiErrorDetail {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** Reports an {@link AniapiError} as `aniapi-error` from `target`; anything else is a bug, thrown on. */
export function emitFailure(target: EventTarget, error: unknown): void {
  if (!(error instanceof AniapiError)) throw error;
  emit(target, 'aniapi-error', error.detail);
}

/**
 * Runs `callback` in a task after the window's `load` event, or in the next
 * task when it is past: an event fired then reaches listeners that any script
 * of the page added while it loaded.
 */
export function afterLoad(callback: () => void): void {
  if (document.readyState === 'complete') setTimeout(callback);
  else window.addEventListener('load', () => setTimeout(callback), { once: true });
}
