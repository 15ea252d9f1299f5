import { AniapiError } from '../oauth/errors.js';
import { rememberLastLogin, savePendingLogin } from './pending-logins.js';
import type { PageEnvironment } from './page-environment.js';
import { currentPage } from './page-environment.js';
import { endpointUrl, secureOrLocal } from './url-rules.js';
import { sameOriginPath } from './same-origin-path.js';
import { createState } from './random-state.js';

/** What a login needs to know, as its caller passes it to {@link beginLogin}. */
export interface LoginOptions {
  /** The OAuth client id registered with AniAPI. */
  clientId: string;
  /** The client's registered redirect URI, on the page's origin, sent exactly as written; https, or http on this machine. */
  redirectUri: string;
  /**
   * The authorize endpoint of the AniAPI server the app uses. Required: AniAPI's
   * documented domain has another owner now, so there is no default to fall back on.
   */
  authorizeUrl: string;
  /** Same-origin path or URL to return to after the callback; defaults to the current path, query and hash. */
  returnTo?: string | undefined;
}

/** Query parameters that the login itself sets, so the authorize URL may not carry them. */
const OWN_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state'];

/** What checking a login's options yields: the authorize endpoint as a URL, and the path to come back to. */
interface CheckedLoginOptions {
  authorize: URL;
  returnTo: string;
}

/**
 * Checks a login's options against the page without starting it, so that a
 * popup opens only for a login that can start. Every login starts through it:
 * the button, its popup mode, "Try again" and {@link beginLogin}.
 *
 * @throws {AniapiError} `invalid_config` naming the bad option.
 */
export function checkLogin(options: LoginOptions, location: PageEnvironment['location']): CheckedLoginOptions {
  const { clientId, redirectUri, authorizeUrl, returnTo } = options;
  for (const [name, value] of Object.entries({ clientId, redirectUri, authorizeUrl, returnTo })) {
    // Set from script, an option may be anything: a URL object or a number would pass the URL checks as its
    // text, and be sent as whatever that is. Null, as an element's removed attribute gives it, is absent.
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw invalidConfig(`${name} must be a string.`);
    }
  }
  if (!clientId?.trim()) throw invalidConfig('client-id is required.');
  if (!redirectUri) throw invalidConfig('redirect-uri is required.');
  // Checked, not normalised: AniAPI compares the redirect URI character by character.
  if (
    redirectUri.trim() !== redirectUri ||
    !/^https?:\/\//i.test(redirectUri) ||
    !URL.canParse(redirectUri) ||
    redirectUri.includes('#')
  ) {
    throw invalidConfig('redirect-uri must be an absolute http(s) URL, with no spaces around it and no fragment.');
  }
  // The token lands there: over plain http anyone on the way could rewrite that page (RFC 6749 §3.1.2.1).
  if (!secureOrLocal(new URL(redirectUri))) throw invalidConfig('redirect-uri must be https (http only on localhost).');
  // The pending login waits in this origin's sessionStorage: a callback page on any other origin could never find it.
  const callbackOrigin = new URL(redirectUri).origin;
  if (callbackOrigin !== location.origin) {
    throw invalidConfig(
      `redirect-uri is on ${callbackOrigin} but this page is on ${location.origin}: the login waits in this origin's storage, so the callback page must be on the same origin.`,
    );
  }
  if (!authorizeUrl) throw invalidConfig('authorize-url is required: the authorize endpoint of your AniAPI server.');

  const authorize = endpointUrl(authorizeUrl, 'authorize-url');
  const clash = OWN_PARAMS.find((name) => authorize.searchParams.has(name));
  if (clash) throw invalidConfig(`authorize-url must not set ${clash}; the login sets it.`);

  const path = sameOriginPath(returnTo ?? location.pathname + location.search + location.hash, location);
  if (path === null) throw invalidConfig('return-to must be a path on this site.');
  return { authorize, returnTo: path };
}

/**
 * Starts a login: checks the options, records a pending login under a fresh
 * state in sessionStorage (and its configuration, without the state, as the
 * tab's last login), and returns the authorize URL to open. Navigating is left
 * to the caller.
 *
 * @throws {AniapiError} `invalid_config` naming the bad option, or `unsupported`.
 */
export function beginLogin(options: LoginOptions, env: PageEnvironment = currentPage()): { url: string } {
  const { clientId, redirectUri, authorizeUrl } = options;
  const { authorize, returnTo } = checkLogin(options, env.location);

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
  rememberLastLogin(env.storage, { clientId, redirectUri, authorizeUrl, returnTo });
  return { url };
}

function invalidConfig(message: string): AniapiError {
  return new AniapiError('invalid_config', message);
}
