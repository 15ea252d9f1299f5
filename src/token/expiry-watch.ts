/**
 * Expiry timers: tells the page a configurable time before the session's token
 * expires, and ends the session when it does, without polling. Each check reads
 * the wall clock afresh, so a timer that fires early or late (the machine slept,
 * the clock was set) simply re-arms; the page's return (`visibilitychange`,
 * `pageshow`, `focus`) checks again at once.
 */
import type { Session } from './token-store.js';
import { endSession, onChange, storedSession } from './token-store.js';
import { MAX_DELAY } from '../internal/max-delay.js';
import { listen } from '../internal/listen.js';

/**
 * The clock and timers a watch runs on; tests pass their own.
 * @internal
 */
export interface ExpiryClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** What {@link watchExpiry} calls, and when. */
export interface ExpiryOptions {
  /** How long before the token's `exp` to call `onExpiring`, in ms. Default 60 000. */
  warnBefore?: number | undefined;
  /**
   * Called once per token, `warnBefore` ms before it expires (at once when less is left). Once also across
   * watches given the same function: a watch started again with it, with a new lead or after a pause, does not
   * call it again for a token it was called for.
   */
  onExpiring?: ((session: ExpiringSession) => void) | undefined;
  /** @internal A seam for tests. */
  clock?: ExpiryClock;
}

/** A session whose token has an expiry, as {@link ExpiryOptions.onExpiring} hears of it. */
export type ExpiringSession = Session & { expiresAt: number };

/** Default lead of the expiry warning: one minute. */
export const DEFAULT_EXPIRY_WARNING = 60_000;

// The page coming back: shown again, restored from the back-forward cache, focused.
const WINDOW_EVENTS = ['pageshow', 'focus'];

// The token each onExpiring function was last called for, by whichever watch called it.
const warnedFor = new WeakMap<object, string>();

const realClock: ExpiryClock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Watches the session's expiry until the returned function is called: calls
 * `onExpiring` before the token expires and, when it has, drops the session
 * (so `onChange` listeners hear `expired`). A token without `exp` is never
 * timed out. Re-armed on every session change.
 */
export function watchExpiry(options: ExpiryOptions = {}): () => void {
  const { onExpiring, clock = realClock } = options;
  const lead = options.warnBefore ?? DEFAULT_EXPIRY_WARNING;
  // A lead that is no number (expiry-warning="soon") gets the default, not a busy loop.
  const warnBefore = Number.isFinite(lead) ? Math.max(0, lead) : DEFAULT_EXPIRY_WARNING;
  // A watch without onExpiring moves on from the warning to the expiry all the same, as if it had warned.
  const warnedKey = onExpiring ?? {};
  let timer: unknown;
  let stopped = false;

  const check = (): void => {
    // A listener of the same change may have stopped this watch after the change began.
    if (stopped) return;
    clock.clearTimeout(timer);
    timer = undefined;
    const now = clock.now();
    const session = storedSession();
    if (session?.expiresAt == null) return;
    // The one place that acts on expiry: the token goes, and listeners (this watch among them) hear `expired`.
    if (session.expiresAt <= now) return endSession(session.accessToken, 'expired');
    const { expiresAt } = session;
    const warnAt = expiresAt - warnBefore;
    const warned = warnedFor.get(warnedKey) === session.accessToken;
    if (!warned && now >= warnAt) {
      warnedFor.set(warnedKey, session.accessToken);
      onExpiring?.({ ...session, expiresAt });
      // onExpiring may have stopped the watch or changed the session: look again.
      check();
      return;
    }
    const next = warned ? expiresAt : warnAt;
    // A token valid for longer than the longest timer is checked again when it fires.
    timer = clock.setTimeout(check, Math.min(Math.max(next - now, 0), MAX_DELAY));
  };

  const stops = [
    onChange(check),
    listen(globalThis.document, ['visibilitychange'], check),
    listen(globalThis.window, WINDOW_EVENTS, check),
  ];
  check();
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
    for (const stop of stops) stop();
  };
}
