/**
 * Popup sign-in from start to end: the options checked as the button's
 * attributes are, the popup opened in the caller's click, the login recorded,
 * and the wait for its response. `signInWithPopup()` is the promise API for
 * apps; `<aniapi-login mode="popup">` takes the same path through the popup
 * hooks, adding only its cancelable `aniapi-login` event.
 */
import { beginLogin, checkLogin } from '../oauth/begin-login.js';
import type { LoginOptions } from '../oauth/begin-login.js';
import { AniapiError } from '../oauth/errors.js';
import { checkStore, getSession } from '../token/token-store.js';
import type { Session, TokenStore } from '../token/token-store.js';
import { openPopup, runPopupLogin } from './popup-login.js';

/**
 * What {@link signInWithPopup} takes: a login's options ({@link LoginOptions}: `clientId`, `redirectUri` and
 * `authorizeUrl`, required, and `returnTo`), where to keep the token, and how long to wait.
 */
export interface PopupLoginOptions extends LoginOptions {
  /** Where to keep the token, as `<aniapi-login store>`: `session` (the default), `local` or `memory`. */
  store?: TokenStore | undefined;
  /** Seconds to wait for the response before `popup_timeout`, as `<aniapi-login popup-timeout>`. Default 600. */
  timeout?: number | undefined;
}

/** A popup sign-in begun in the click: the popup is open and the login recorded, and nothing has been sent yet. */
export interface PopupSignIn {
  /** The authorize URL the popup is about to open. */
  url: string;
  /** Sends the popup to AniAPI and waits: resolves once signed in, or rejects with an {@link AniapiError}. */
  run(): Promise<void>;
  /** Gives up before sending the popup anywhere: closes it. */
  cancel(): void;
}

/** Every option there is: any other name is a mistake, refused rather than ignored. */
const OPTION_NAMES = ['clientId', 'redirectUri', 'authorizeUrl', 'returnTo', 'store', 'timeout'];

/** The seconds a popup sign-in waits without a `timeout`, as long as a pending login lives. */
const DEFAULT_TIMEOUT = 600;

/**
 * Signs the user in from a popup while the page stays as it is, and resolves
 * with the new session, as `getSession()` gives it. Call it from a click,
 * tap or key press handler, before any `await`: the popup opens in the call
 * itself, and outside a user gesture the browser blocks it (`popup_blocked`).
 * The callback page must load `aniapi-elements/popup` too, to hand the
 * response back.
 *
 * The options are checked as `<aniapi-login>` checks its attributes, before
 * any popup opens: `authorizeUrl` is required (there is no default server),
 * and `redirectUri` must be on this page's origin. It never throws: every
 * failure is a rejection with an {@link AniapiError}, whose codes are those of
 * the button's popup mode: `invalid_config` (naming the option; also for an
 * option it does not know), `unsupported`, `popup_blocked`, `popup_closed`,
 * `popup_timeout`, and a failed response's `provider_error`,
 * `malformed_response`, `missing_token`, `token_expired`, `login_expired`,
 * `state_mismatch` or `no_pending_login`.
 *
 * ```js
 * button.addEventListener('click', async () => {
 *   const session = await signInWithPopup({ clientId, redirectUri, authorizeUrl });
 * });
 * ```
 *
 * @throws {AniapiError} as a rejection, never synchronously.
 */
export async function signInWithPopup(options: PopupLoginOptions): Promise<Session> {
  // An async function runs up to its first await in the call itself: the popup opens while the click still
  // counts, and a failure at any step comes back as a rejection.
  await openPopupSignIn(options).run();
  const session = getSession();
  // Gone already only if it ended within the moment: its token's exp fell due just now, or a session listener
  // signed out on hearing of the sign-in.
  if (!session) throw new AniapiError('token_expired', 'The new session ended as soon as it began.');
  return session;
}

/**
 * Begins a popup sign-in, synchronously, in the click: checks the options,
 * opens the popup, and records the login. The button calls it through the
 * popup hooks, so that it can fire `aniapi-login` before the popup leaves.
 *
 * @throws {AniapiError} `invalid_config`, `unsupported` or `popup_blocked`; no popup is left open.
 */
export function openPopupSignIn(options: PopupLoginOptions): PopupSignIn {
  const { login, store, timeout } = readOptions(options);
  // No popup opens for a login that cannot start.
  checkLogin(login, location);
  // Before any other work: a popup blocker lets a window through only in the click.
  const popup = openPopup();
  try {
    // Recorded once the popup is open, so that the popup gets no copy of it.
    const { url } = beginLogin(login);
    return { url, run: () => runPopupLogin(popup, url, store, timeout), cancel: () => popup.close() };
  } catch (error) {
    popup.close();
    throw error;
  }
}

/**
 * Reads the options once, into values of their own, and checks what the
 * login's checks do not: the shape, the store and the timeout. What is checked
 * is then what is used, whatever the options object does later.
 */
function readOptions(options: PopupLoginOptions): { login: LoginOptions; store: TokenStore; timeout: number } {
  if (typeof options !== 'object' || options === null) {
    throw invalidConfig('signInWithPopup takes an object of options: clientId, redirectUri and authorizeUrl at least.');
  }
  const unknown = Object.keys(options).find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) {
    throw invalidConfig(`signInWithPopup has no option ${unknown}; its options are ${OPTION_NAMES.join(', ')}.`);
  }
  const { clientId, redirectUri, authorizeUrl, returnTo, store = 'session', timeout = DEFAULT_TIMEOUT } = options;
  checkStore(store);
  // Named both ways: the button's attribute and this function's option.
  if (!(timeout > 0)) {
    throw invalidConfig(
      'The popup timeout (popup-timeout, or the timeout option) must be a number of seconds above 0.',
    );
  }
  return { login: { clientId, redirectUri, authorizeUrl, returnTo }, store, timeout };
}

function invalidConfig(message: string): AniapiError {
  return new AniapiError('invalid_config', message);
}
