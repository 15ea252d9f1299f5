import { AniapiError } from '../oauth/errors.js';
import { parseFragment } from '../oauth/fragment-parser.js';
import { isBearerToken } from '../oauth/bearer-token.js';
import { readClaims } from '../oauth/jwt-claims.js';
import type { PageEnvironment } from '../oauth/page-environment.js';
import { currentPage } from '../oauth/page-environment.js';
import { sameOriginPath } from '../oauth/same-origin-path.js';
import {
  dropPendingLogins,
  hasAnyPendingLogin,
  isExpired,
  settledCause,
  supersedePendingLogins,
  takePendingLogin,
} from '../oauth/pending-logins.js';
import type { TokenStore } from '../token/token-store.js';
import { setToken } from '../token/token-store.js';

/** A completed login, as `completeLogin()` returns it and `aniapi-token` carries it. */
export interface AniapiTokenDetail {
  /** The bearer token to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** When the token stops working, in ms since the epoch, from the JWT `exp` claim; `null` when unknown. */
  expiresAt: number | null;
  /** The same-origin path the login started from, on the callback's own event; `null` otherwise. */
  returnTo: string | null;
}

/** Parameters of other grants; their presence in an implicit-grant response means it is not one. */
const FOREIGN_PARAMS = ['refresh_token', 'code', 'id_token'];

/**
 * Completes a login from the callback page's fragment: checks the state
 * against this tab's pending logins before believing anything else, consumes
 * the pending login (single use, success or not), checks its age and the
 * response, and keeps the token in `store`. A success drops the tab's older
 * pending logins (`superseded`). A state the tab settled earlier fails with
 * `cause` `used` or `superseded` beside its usual code.
 *
 * The caller must already have removed the fragment from the address bar.
 *
 * @throws {AniapiError} with the code of the first check that failed.
 */
export function completeLogin(
  fragment: string,
  store: TokenStore = 'session',
  env: PageEnvironment = currentPage(),
): AniapiTokenDetail {
  if (fragment === '' || fragment === '#') {
    throw new AniapiError('no_response', 'This page was opened without a sign-in response.');
  }
  const params = parseFragment(fragment);
  if (typeof params === 'string') throw refuseResponse(params, env);

  const state = params.get('state');
  const login = state === undefined ? null : takePendingLogin(env.storage, state);
  if (login === null) {
    // The code says what the tab holds now, as it always has; the cause, what became of this state.
    const cause = state && settledCause(env.storage, state);
    const extra = cause ? { cause } : {};
    throw hasAnyPendingLogin(env.storage)
      ? new AniapiError('state_mismatch', 'The response does not belong to the sign-in this tab started.', extra)
      : new AniapiError(
          'no_pending_login',
          'This tab has no sign-in waiting: it was already completed, or started elsewhere.',
          extra,
        );
  }
  if (isExpired(login, env.now)) {
    throw new AniapiError('login_expired', 'The sign-in took too long and has expired.');
  }

  const accessToken = params.get('access_token');
  const error = params.get('error');
  if (FOREIGN_PARAMS.some((name) => params.has(name)) || (error !== undefined && accessToken !== undefined)) {
    throw new AniapiError('malformed_response', 'The response mixes parameters that cannot go together.');
  }
  if (error !== undefined) throw providerError(error, params.get('error_description'), params.get('error_uri'));
  if (accessToken === undefined) throw new AniapiError('missing_token', 'AniAPI sent back no access token.');

  const tokenType = params.get('token_type');
  const expiresIn = params.get('expires_in');
  if (
    !isBearerToken(accessToken) ||
    (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer') ||
    (expiresIn !== undefined && !/^\d{1,10}$/.test(expiresIn))
  ) {
    throw new AniapiError('malformed_response', 'The response carries a token this package cannot use.');
  }
  const { expiresAt } = readClaims(accessToken);
  if (expiresAt !== null && expiresAt <= env.now) {
    throw new AniapiError('token_expired', 'The token AniAPI sent back has already expired.');
  }

  // The token is sent only to the server that issued it: the authorize URL's origin (AniAPI serves both).
  setToken(accessToken, store, { issuer: login.authorizeUrl });
  supersedePendingLogins(env.storage, login);
  return { accessToken, expiresAt, returnTo: sameOriginPath(login.returnTo, env.location) };
}

/**
 * The failure for a response too broken to say which login it answers: every
 * pending login of the tab is dropped, since any of them may be the one it
 * used up (single use holds, success or not).
 */
export function refuseResponse(message: string, env: PageEnvironment = currentPage()): AniapiError {
  dropPendingLogins(env.storage);
  return new AniapiError('malformed_response', message);
}

/** The failure for a response that came in the query, where servers and logs see it: refused, like one too broken to read. */
export function refuseQueryResponse(env: PageEnvironment = currentPage()): AniapiError {
  return refuseResponse('The response came in the query, where servers and logs see it, and is refused.', env);
}

function providerError(error: string, description: string | undefined, uri: string | undefined): AniapiError {
  const extra: { error: string; errorDescription?: string; errorUri?: string } = { error };
  if (description !== undefined) extra.errorDescription = description;
  if (uri !== undefined && /^https:\/\/\S+$/i.test(uri)) extra.errorUri = uri;
  const message = `AniAPI did not sign you in (${error})${description === undefined ? '' : `: ${description}`}.`;
  return new AniapiError('provider_error', message, extra);
}
