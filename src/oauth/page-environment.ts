import { AniapiError } from './errors.js';

/** The page, its tab's sessionStorage and the clock that a login runs against; tests pass their own. */
export interface PageEnvironment {
  location: Pick<Location, 'href' | 'origin' | 'pathname' | 'search' | 'hash'>;
  /** Where pending logins are kept: the tab's sessionStorage. */
  storage: Storage;
  /** The current time in ms since the epoch. */
  now: number;
}

/** The real page, now. */
export function currentPage(): PageEnvironment {
  let storage: Storage | null = null;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    // A SecurityError where the browser blocks storage for this site; Firefox gives null instead.
  }
  if (!storage) throw new AniapiError('unsupported', 'This browser blocks sessionStorage, which a sign-in needs.');
  return { location: globalThis.location, storage, now: Date.now() };
}
