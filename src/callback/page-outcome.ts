/**
 * The page's outcome: the one check of the response the address bar held, and
 * its result, which every `<aniapi-callback>` of the page reports.
 */
import { completeLogin, refuseResponse } from '../oauth/complete-login.js';
import type { AniapiTokenDetail } from '../oauth/complete-login.js';
import type { AniapiErrorDetail } from '../oauth/errors.js';
import { AniapiError } from '../oauth/errors.js';
import { pageSingleton } from '../internal/page-singleton.js';
import { checkStore, getSession, getToken, sessionRecordId } from '../session/token-store.js';
import { sameOriginPath } from '../oauth/same-origin-path.js';
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
  const known = outcome.result ?? signInOfThisEntry();
  // The stash holds only responses, so anything taken from it is a fresh one; a login that has
  // since ended (logout, expiry) is not reported again as a success.
  if (!taken && known && (!known.ok || known.token.accessToken === getToken())) return known;
  if (taken) warnOfServiceWorker();
  const result = (outcome.result = checkResponse(taken, store));
  if (result.ok) markEntry(result.token);
  return result;
}

/** Where a callback page's history entry keeps the sign-in its response made: an id and a path, never a token. */
const ENTRY_MARK = 'aniapi-elements.signed-in';

interface EntryMark {
  session: string | null;
  returnTo: string | null;
}

/**
 * Marks this page's history entry with the sign-in its response made, so that
 * a reload of the page (or Back to it) shows that sign-in rather than a missing
 * response. A router's own state, when it is an object, is kept beside the mark.
 */
function markEntry({ returnTo }: AniapiTokenDetail): void {
  const state: unknown = history.state;
  if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return;
  const mark: EntryMark = { session: sessionRecordId(), returnTo };
  history.replaceState({ ...state, [ENTRY_MARK]: mark }, '');
}

/** The sign-in this history entry's response made, when the session still holds it; undefined otherwise. */
function signInOfThisEntry(): CallbackResult | undefined {
  const mark = (history.state as Record<string, EntryMark | undefined> | null)?.[ENTRY_MARK];
  const session = getSession();
  if (!session || !mark || mark.session !== sessionRecordId()) return undefined;
  const returnTo = typeof mark.returnTo === 'string' ? sameOriginPath(mark.returnTo, location) : null;
  return { ok: true, token: { accessToken: session.accessToken, expiresAt: session.expiresAt, returnTo } };
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

/**
 * Says so in the console when a service worker controls this page: it saw the
 * response's URL, token included, in its `fetch` event, and may have cached it.
 * Nothing the page does afterwards can take the URL back from a worker.
 */
function warnOfServiceWorker(): void {
  const worker = globalThis.navigator?.serviceWorker?.controller;
  if (worker) {
    console.warn(
      `aniapi-elements: the service worker ${worker.scriptURL} controls this callback page, so it saw the ` +
        'sign-in response, access token included, in its fetch event and may keep it. Keep the callback page out ' +
        "of every worker's scope, or make the worker ignore it.",
    );
  }
}
