/** Where a client stands against the limit, for the X-RateLimit-* headers. */
export interface Quota {
  limit: number;
  remaining: number;
  /** Seconds until the window starts over. */
  reset: number;
  exceeded: boolean;
}

const WINDOW = 60_000;

/**
 * A fixed one-minute window per address, as AniAPI's limiter: `limit`
 * requests, then 429 until the window ends. A limit of 0 turns it off.
 */
export class RateLimiter {
  #limit: number;
  #windows = new Map<string, { start: number; count: number }>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Changes the limit, and starts every address's window afresh so that a test knows where it stands. */
  setLimit(limit: number): void {
    this.#limit = limit;
    this.#windows.clear();
  }

  /** Counts a request from `address`; null while there is no limit. */
  take(address: string, now = Date.now()): Quota | null {
    const limit = this.#limit;
    if (limit === 0) return null;
    let window = this.#windows.get(address);
    if (!window || now - window.start >= WINDOW) {
      // Forget finished windows now and then, so many addresses cannot grow the map forever.
      if (this.#windows.size > 10_000)
        for (const [key, w] of this.#windows) if (now - w.start >= WINDOW) this.#windows.delete(key);
      window = { start: now, count: 0 };
      this.#windows.set(address, window);
    }
    window.count++;
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      reset: Math.ceil((window.start + WINDOW - now) / 1000),
      exceeded: window.count > limit,
    };
  }
}
