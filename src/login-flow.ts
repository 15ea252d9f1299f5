import { AniapiError } from './events.js';
import { rememberLogin, savePendingLogin } from './pending-logins.js';
import type { PageEnvironment } from './page.js';
import { currentPage, endpointUrl, sameOriginPath } from './page.js';
import { createState } from './random-state.js';

/** AniAPI's documented authorize endpoint; the public service is offline, so most apps set their own. */
export const DEFAULT_AUTHORIZE_URL = 'https://api.aniapi.com/v1/oauth';

/** What a login needs to know. */
export interface LoginOptions {
  /** The OAuth client id registered with AniAPI. */
  clientId: string;
  /** The client's registered redirect URI, sent exactly as given: AniAPI compares it character by character. */
  redirectUri: string;
  /** The authorize endpoint; defaults to {@link DEFAULT_AUTHORIZE_URL}. */
  authorizeUrl?: string | undefined;
  /** Same-origin path or URL to return to after the callback; defaults to the current path, query and hash. */
  returnTo?: string | undefined;
}

/** Query parameters that the login itself sets, so the authorize URL may not carry them. */
const OWN_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state'];

/**
 * Starts a login: checks the options, records a pending login under a fresh
 * state in sessionStorage (and its configuration, without the state, as the
 * tab's last login), and returns the authorize URL to open. Navigating is left
 * to the caller.
 *
 * @throws {AniapiError} `invalid_config` naming the bad option, or `unsupported`.
 */
export function beginLogin(options: LoginOptions, env: PageEnvironment = currentPage()): { url: string } {
  const { clientId, redirectUri } = options;
  if (!clientId?.trim()) throw invalidConfig('client-id is required.');
  if (!redirectUri) throw invalidConfig('redirect-uri is required.');
  // Checked, not normalised: AniAPI compares the redirect URI character by character.
  if (redirectUri.trim() !== redirectUri || !/^https?:\/\//i.test(redirectUri) || !URL.canParse(redirectUri) || redirectUri.includes('#')) {
    throw invalidConfig('redirect-uri must be an absolute http(s) URL, with no spaces around it and no fragment.');
  }

  const authorizeUrl = options.authorizeUrl ?? DEFAULT_AUTHORIZE_URL;
  const authorize = endpointUrl(authorizeUrl, 'authorize-url');
  const clash = OWN_PARAMS.find((name) => authorize.searchParams.has(name));
  if (clash) throw invalidConfig(`authorize-url must not set ${clash}; the login sets it.`);

  const { location } = env;
  const returnTo = sameOriginPath(options.returnTo ?? location.pathname + location.search + location.hash, location);
  if (returnTo === null) throw invalidConfig('return-to must be a path on this site.');

  const state = createState();
  const query = `response_type=token&client_id=${encodeURIComponent(clientId)}&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`;
  authorize.search = authorize.search ? `${authorize.search.slice(1)}&${query}` : query;
  const url = authorize.href;

  try {
    savePendingLogin(env.storage, {
      state,
      clientId,
      authorizeUrl: url,
      redirectUri,
      returnTo,
      createdAt: env.now,
    });
  } catch {
    throw new AniapiError('unsupported', 'This browser refused to keep the login in sessionStorage.');
  }
  rememberLogin(env.storage, { clientId, redirectUri, authorizeUrl, returnTo });
  return { url };
}

function invalidConfig(message: string): AniapiError {
  return new AniapiError('invalid_config', message);
}
