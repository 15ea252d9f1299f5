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
export function rateLimiter(limit: number): (address: string, now?: number) => Quota | null {
  const windows = new Map<string, { start: number; count: number }>();
  return (address, now = Date.now()) => {
    if (limit === 0) return null;
    let window = windows.get(address);
    if (!window || now - window.start >= WINDOW) {
      // Forget finished windows now and then, so many addresses cannot grow the map forever.
      if (windows.size > 10_000) for (const [key, w] of windows) if (now - w.start >= WINDOW) windows.delete(key);
      window = { start: now, count: 0 };
      windows.set(address, window);
    }
    window.count++;
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      reset: Math.ceil((window.start + WINDOW - now) / 1000),
      exceeded: window.count > limit,
    };
  };
}
