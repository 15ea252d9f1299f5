/**
 * The page's outcome: the one check of the response the address bar held, and
 * its result, which every `<aniapi-callback>` of the page reports.
 */
import { completeLogin, refuseQueryResponse } from './complete-login.js';
import type { AniapiTokenDetail } from './complete-login.js';
import type { AniapiErrorDetail } from '../oauth/errors.js';
import { AniapiError } from '../oauth/errors.js';
import { pageSingleton } from '../internal/page-singleton.js';
import { checkStore, getSession, getToken, sessionRecordId } from '../token/token-store.js';
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
 * that has ended since. So does this page loaded again (a reload, Back to it)
 * after its response signed this tab in, while the session holds that sign-in.
 */
export function readCallbackPage(store: string): CallbackResult {
  scrubCallbackPage();
  // The stash holds only responses, so anything taken from it is a fresh one, checked below.
  const taken = takeResponse();
  if (!taken) {
    const known = outcome.result ?? signInOfThisPage();
    // A login that has since ended (logout, expiry) is not reported again as a success.
    if (known && (!known.ok || known.token.accessToken === getToken())) return known;
  }
  const result = (outcome.result = checkResponse(taken, store));
  if (result.ok) rememberSignIn(result.token);
  return result;
}

/**
 * Where the tab keeps the sign-in its callback page made: the page's URL, the session record's id and the way back,
 * never a token or a state.
 */
const SIGN_IN_KEY = 'aniapi-elements.callback-sign-in';

interface PageSignIn {
  url: string;
  sessionId: string | null;
  returnTo: string | null;
}

/**
 * Remembers the sign-in this page's response made, so that a reload of the page
 * (or Back to it) shows that sign-in rather than a missing response.
 */
function rememberSignIn({ returnTo }: AniapiTokenDetail): void {
  const signIn: PageSignIn = { url: location.href, sessionId: sessionRecordId(), returnTo };
  try {
    sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(signIn));
  } catch {
    // A reload then says no_response, as it did before the tab kept this.
  }
}

/** The sign-in this page's response made, when this is the page and the session still holds it; undefined otherwise. */
function signInOfThisPage(): CallbackResult | undefined {
  let signIn: Partial<PageSignIn> | null;
  try {
    signIn = JSON.parse(sessionStorage.getItem(SIGN_IN_KEY)!) as Partial<PageSignIn> | null;
  } catch {
    return undefined;
  }
  const session = getSession();
  if (!session || signIn?.url !== location.href || signIn.sessionId !== sessionRecordId()) return undefined;
  const back = typeof signIn.returnTo === 'string' ? sameOriginPath(signIn.returnTo, location) : null;
  // A login started on this very page returns to it: the page it loads is this one again, which must stay, or
  // `auto-return` would load it again and again. Anywhere else, a reload before the return still goes back.
  const returnTo = back !== null && new URL(back, location.href).href === location.href ? null : back;
  return { ok: true, token: { accessToken: session.accessToken, expiresAt: session.expiresAt, returnTo } };
}

/**
 * Checks the response taken off the address bar, if any, and keeps its token
 * in `store`: the outcome, never a throw.
 */
function checkResponse(taken: TakenResponse | undefined, store: string): CallbackResult {
  try {
    checkStore(store);
    if (taken?.inQuery) throw refuseQueryResponse();
    return { ok: true, token: completeLogin(taken?.fragment ?? '', store) };
  } catch (error) {
    if (error instanceof AniapiError) return { ok: false, error: error.detail };
    throw error;
  }
}
