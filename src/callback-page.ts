import { completeLogin } from './callback-flow.js';
import type { AniapiErrorDetail, AniapiTokenDetail } from './events.js';
import { AniapiError } from './events.js';
import type { TokenStore } from './session.js';

/** The outcome of a callback page: the token's detail, or the failure's. */
export type CallbackResult = { ok: true; token: AniapiTokenDetail } | { ok: false; error: AniapiErrorDetail };

const STORES: readonly string[] = ['session', 'local', 'memory'];

// Kept on the global object so that every <aniapi-callback> in the page, and a
// second copy of the package, reports the one outcome instead of a false no_response.
const OUTCOME = Symbol.for('aniapi-elements.callback.v1');
const page = globalThis as Record<symbol, CallbackResult | undefined>;

/**
 * Reads this page's OAuth response once. The fragment leaves the address bar
 * (and the session history entry) first, synchronously, before anything else;
 * then the login is completed. A later call with no new fragment gets the same
 * outcome again.
 */
export function readCallbackPage(store: string): CallbackResult {
  const { href } = location;
  const hashAt = href.indexOf('#');
  if (hashAt >= 0) {
    history.replaceState(history.state, '', href.slice(0, hashAt));
  }
  const fragment = hashAt >= 0 ? href.slice(hashAt) : '';
  const known = page[OUTCOME];
  if ((fragment === '' || fragment === '#') && known) return known;
  return (page[OUTCOME] = settle(fragment, store));
}

function settle(fragment: string, store: string): CallbackResult {
  try {
    if (!STORES.includes(store)) {
      throw new AniapiError('invalid_config', 'store must be session, local or memory.');
    }
    return { ok: true, token: completeLogin(fragment, store as TokenStore) };
  } catch (error) {
    if (error instanceof AniapiError) return { ok: false, error: error.detail };
    throw error;
  }
}
