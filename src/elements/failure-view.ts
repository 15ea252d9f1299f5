/**
 * What only a failed callback needs: the failure's explanation in words and
 * "Try again". `<aniapi-callback>` loads this module on demand, so that a
 * sign-in that succeeds never downloads it; in a single file it is a file of
 * its own beside it, fetched from the same place.
 */
import type { AniapiErrorDetail } from '../oauth/errors.js';
import { fill } from '../i18n/message-registry.js';

export { CALLBACK_FAILURE_MESSAGES } from '../i18n/callback-failure-messages.js';
export { retryLogin } from './retry-login.js';

/**
 * The words for `error`: the failure's own text (by its `cause`, else its
 * `code`; its `message` when no text has that key), with the provider's words
 * put in as text, inside the `failed` template, or `failedNoRetry` when there
 * is no "Try again".
 */
export function explainFailure(
  t: (key: string) => string | undefined,
  error: AniapiErrorDetail,
  retry: boolean,
): string {
  return fill(
    t(retry ? 'failed' : 'failedNoRetry')!,
    fill(t(error.cause ?? error.code) ?? error.message, error.errorDescription ?? error.error ?? ''),
  );
}
