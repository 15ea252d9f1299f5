/**
 * The page's outcome: the one check of the response the address bar held, and
 * its result, which every `<aniapi-callback>` of the page reports.
 */
import { completeLogin, refuseResponse } from '../oauth/complete-login.js';
import type { AniapiTokenDetail } from '../oauth/complete-login.js';
import type { AniapiErrorDetail } from '../oauth/errors.js';
import { AniapiError } from '../oauth/errors.js';
import { pageSingleton } from '../internal/page-singleton.js';
import { checkStore, getToken } from '../session/token-store.js';
import { scrubCallbackPage } from './address-bar.js';
import { takeResponse } from './response-stash.js';
import type { TakenResponse } from './response-stash.js';

/** The outcome of a callback page: the token's detail, or the failure's. */
export type CallbackResult = { ok: true; token: AniapiTokenDetail } | { ok: false; error: AniapiErrorDetail };

// Shared by every <aniapi-callback> of the page, and a second copy of the package,
// so that each reports the one outcome instead of a false no_response.
const outcome = pageSingleton<{ result?: CallbackResult }>('callback-outcome', () => ({}));

/**
 * Reads this page's OAuth response once: scrubs it if still in the address
 * bar, then completes the login, keeping the token in `store`. A later call
 * with no new response gets the same outcome again, unless it was a login
 * that has ended since.
 */
export function readCallbackPage(store: string): CallbackResult {
  scrubCallbackPage();
  const taken = takeResponse();
  const known = outcome.result;
  // The stash holds only responses, so anything taken from it is a fresh one; a login that has
  // since ended (logout, expiry) is not reported again as a success.
  if (!taken && known && (!known.ok || known.token.accessToken === getToken())) return known;
  return (outcome.result = checkResponse(taken, store));
}

/**
 * Checks the response taken off the address bar, if any, and keeps its token
 * in `store`: the outcome, never a throw.
 */
function checkResponse(taken: TakenResponse | undefined, store: string): CallbackResult {
  try {
    checkStore(store);
    if (taken?.inQuery) {
      throw refuseResponse('The response came in the query, where servers and logs see it, and is refused.');
    }
    return { ok: true, token: completeLogin(taken?.fragment ?? '', store) };
  } catch (error) {
    if (error instanceof AniapiError) return { ok: false, error: error.detail };
    throw error;
  }
}
