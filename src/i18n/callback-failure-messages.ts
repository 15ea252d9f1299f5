/**
 * The English texts of a failed callback, apart from the rest: the failure
 * view brings them, on demand.
 */
import type { CallbackFailureMessages } from './message-registry.js';

/** The English texts of a failed callback: loaded with the failure view, on demand. */
export const CALLBACK_FAILURE_MESSAGES: CallbackFailureMessages = {
  failed: 'Sign-in failed. {reason}',
  failedNoRetry:
    'Sign-in failed. {reason} This tab does not know where the sign-in started: go back to the site and sign in from there.',
  retry: 'Try again',
  no_response: 'This page was opened without a sign-in response.',
  malformed_response: 'The response from AniAPI could not be read safely.',
  no_pending_login: 'This tab has no sign-in waiting.',
  loopbackHint:
    '{reason} On this computer, localhost and 127.0.0.1 are separate sites: start the sign-in on the same address as this page.',
  state_mismatch: 'The response does not belong to the sign-in this tab started.',
  used: 'This sign-in response was already used; each one works once.',
  superseded: 'A newer sign-in in this tab finished first and replaced this one.',
  login_expired: 'The sign-in took too long and has expired.',
  provider_error: 'AniAPI did not sign you in: {error}',
  missing_token: 'AniAPI sent back no access token.',
  token_expired: 'The token AniAPI sent back has already expired.',
  invalid_config: 'Sign-in is not set up correctly on this site.',
  unsupported: 'This browser blocks the storage that signing in needs.',
  handedBackFailed: 'The sign-in failed; the window where you started says why.',
};
