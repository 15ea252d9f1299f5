/**
 * The built-in English texts, by element. A failed callback's texts are in a
 * module of their own (callback-failure-messages.ts), which this one must not
 * import: a page loads them only when a sign-in fails.
 */
import type { CallbackProgressMessages, LoginMessages, UserMessages } from './message-registry.js';

/** The built-in English texts of `<aniapi-login>`. */
export const LOGIN_MESSAGES: LoginMessages = {
  login: 'Log in with AniAPI',
};

/** The English texts `<aniapi-callback>` shows on its way to a success. */
export const CALLBACK_PROGRESS_MESSAGES: CallbackProgressMessages = {
  signingIn: 'Signing you in…',
  signedIn: 'Signed in.',
  returning: 'Signed in. Taking you back…',
  handedBack: 'Signed in, in the window where you started.',
};

/** The built-in English texts of `<aniapi-user>`; other languages come with the message packs. */
export const USER_MESSAGES: UserMessages = {
  userLoading: 'Loading…',
  userSignedOut: 'Not signed in.',
  userSignedIn: 'Signed in as {name}',
  userFailed: 'Could not load the signed-in user. {reason}',
  rate_limited: 'AniAPI is busy with too many requests; try again shortly.',
  network_error: 'AniAPI could not be reached, or answered in a way this page cannot read.',
};
