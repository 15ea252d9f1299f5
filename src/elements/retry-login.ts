import { emit, emitFailure } from './events.js';
import { beginLogin } from '../oauth/begin-login.js';
import { lastLogin } from '../oauth/pending-logins.js';

/**
 * "Try again" after a failed callback: starts a fresh login with the tab's
 * last login configuration (the one the failure used up, or the last one
 * started), and fires `aniapi-login` from `host` as `<aniapi-login>` does.
 * Returns the authorize URL to open, or undefined when the tab knows no
 * login, it cannot start (`aniapi-error` from `host`), or a listener cancelled it.
 */
export function retryLogin(host: HTMLElement): string | undefined {
  const options = lastLogin();
  if (!options) return undefined;
  let url: string;
  try {
    ({ url } = beginLogin(options));
  } catch (error) {
    emitFailure(host, error);
    return undefined;
  }
  return emit(host, 'aniapi-login', { url }, true) ? url : undefined;
}
