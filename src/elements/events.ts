/**
 * The events the elements fire and their details. Each event is typed once
 * here and added to `GlobalEventHandlersEventMap`, so
 * `addEventListener('aniapi-token', e => ...)` knows its detail.
 */
import { AniapiError } from '../oauth/errors.js';
import type { AniapiErrorCode, AniapiErrorDetail } from '../oauth/errors.js';
import type { AniapiTokenDetail } from '../response/complete-login.js';
import type { LogoutReason } from '../token/token-store.js';

export type { AniapiErrorCause, AniapiErrorCode, AniapiErrorDetail } from '../oauth/errors.js';
export type { AniapiTokenDetail } from '../response/complete-login.js';
export type { LogoutReason } from '../token/token-store.js';

/** Detail of `aniapi-login`. */
export interface AniapiLoginDetail {
  /** The authorize URL the browser is about to open. */
  url: string;
}

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

/**
 * The package's events by name, each a `CustomEvent` with a typed `detail`. All bubble and are composed, so a
 * listener on `document` hears them from inside any shadow root. An entry point with an event of its own adds it
 * here by module augmentation.
 */
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

/** Reports an {@link AniapiError} as `aniapi-error` from `target`; anything else is a bug, thrown on. */
export function emitFailure(target: EventTarget, error: unknown): void {
  if (!(error instanceof AniapiError)) throw error;
  emitError(target, error.detail, error.extra.attribute);
}

/** Codes that a page's markup or browser causes, which its developer should hear about without a listener. */
const SAID_OUT_LOUD: readonly AniapiErrorCode[] = ['invalid_config', 'unsupported'];

/** The error messages each element has already written to the console. */
const logged = new WeakMap<EventTarget, Set<string>>();

/**
 * Fires `aniapi-error` from `target`. An `invalid_config` or `unsupported` also goes to `console.error`, once per
 * element and error message, naming the tag and, when the error message does not, the attribute to fix: a page that
 * listens for nothing still tells its developer what is wrong. Error messages hold no token and no state.
 */
export function emitError(target: EventTarget, detail: AniapiErrorDetail, attribute?: string): void {
  if (SAID_OUT_LOUD.includes(detail.code)) {
    const seen = logged.get(target) ?? new Set<string>();
    logged.set(target, seen);
    if (!seen.has(detail.message)) {
      seen.add(detail.message);
      const tag = target instanceof Element ? `<${target.localName}>` : 'aniapi-elements';
      console.error(`${tag} ${detail.code}: ${detail.message}${attribute ? ` (attribute: ${attribute})` : ''}`);
    }
  }
  emit(target, 'aniapi-error', detail);
}
