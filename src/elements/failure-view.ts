/**
 * What only a failed callback needs: the failure's explanation in words and
 * "Try again". `<aniapi-callback>` loads this module on demand, so that a
 * sign-in that succeeds never downloads it; in a single file it is a file of
 * its own beside it, fetched from the same place.
 */
import type { AniapiErrorDetail } from '../oauth/errors.js';
import { fill } from '../i18n/message-registry.js';
import type { CallbackFailureMessages, TextLookup } from '../i18n/message-registry.js';
import { lastLogin } from '../oauth/pending-logins.js';

export { CALLBACK_FAILURE_MESSAGES } from '../i18n/callback-failure-messages.js';
export { retryLogin } from './retry-login.js';

/** Failures of the page's own setup, or of what the browser allows: a fresh sign-in would end the same way. */
const SETUP_FAILURES: readonly string[] = ['invalid_config', 'unsupported'];

/**
 * Whether a failed callback offers "Try again": when this tab knows a login to start again, it is no popup (its
 * opener started the login; a fresh one started in the popup would sign in the popup alone), and a fresh sign-in
 * could end otherwise than `error`.
 */
export function offersRetry(error: AniapiErrorDetail): boolean {
  return lastLogin() !== null && !window.opener && !SETUP_FAILURES.includes(error.code);
}

/** The names of this machine, each a site of its own with its own storage. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The words for `error`: the failure's own text (by its `cause`, else its
 * `code`; its `message` when no text has that key), with the provider's words
 * put in as text, inside the `failed` template, or `failedNoRetry` (go back to
 * the site) when there is no "Try again" and the failure is not of the page's
 * setup: the tab knows no login to start again, or is a popup. On a loopback
 * `hostname`, a `no_pending_login` with no cause adds the likeliest one: the
 * sign-in began on another of the machine's names. Not in a window with an
 * opener, as a popup has: its opener began the sign-in, on the redirect URI's
 * origin, which the button checks.
 */
export function explainFailure(
  t: TextLookup<keyof CallbackFailureMessages>,
  error: AniapiErrorDetail,
  retry: boolean,
  hostname: string = location.hostname,
): string {
  let reason = fill(t(error.cause ?? error.code) ?? error.message, error.errorDescription ?? error.error ?? '');
  if (error.code === 'no_pending_login' && !error.cause && LOOPBACK.includes(hostname) && !window.opener)
    reason = fill(t('loopbackHint'), reason);
  return fill(t(retry || SETUP_FAILURES.includes(error.code) ? 'failed' : 'failedNoRetry'), reason);
}

// Whether the page has been told of its likeliest setup mistake: once is enough, however many elements fail.
let advised = false;

/**
 * Says in the console, once per page, the setup mistake behind `error` when it is the likeliest one: a
 * `no_pending_login` in a window that has an opener, checked without `aniapi-elements/popup` (`popupLoaded`
 * false: it was not loaded, or loaded only after the check). That is a popup sign-in whose callback page lacks the
 * module when its element connects: the popup checks the response itself, where no login waits, and the page that
 * opened it waits on until its timeout.
 */
export function adviseOnFailure(error: AniapiErrorDetail, popupLoaded: boolean): void {
  if (advised || error.code !== 'no_pending_login' || error.cause || !window.opener || popupLoaded) return;
  advised = true;
  console.error(
    '<aniapi-callback> no_pending_login in a window with an opener: if the sign-in ran in a popup, load aniapi-elements/popup on this callback page too, before <aniapi-callback> connects.',
  );
}
