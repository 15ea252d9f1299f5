import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { emit } from './events.js';
import type { LogoutReason } from './events.js';
import type { Session } from './session.js';
import { getSession, onChange } from './session.js';

/**
 * Keeps an element's view of the session current while it is connected and
 * fires `aniapi-token` / `aniapi-logout` from it on every change, including
 * changes made in other tabs that share the store.
 */
export class SessionController implements ReactiveController {
  /** The session as last heard, or null when signed out. */
  session: Session | null = null;
  private _stop: (() => void) | undefined;

  /** Attaches to `_host` at once unless `attach` is false; the host then adds it itself when ready. */
  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    attach = true,
  ) {
    if (attach) _host.addController(this);
  }

  hostConnected(): void {
    this._stop = onChange((session, reason) => {
      this.session = session;
      if (session) {
        emit(this._host, 'aniapi-token', { accessToken: session.accessToken, expiresAt: session.expiresAt, returnTo: null });
      } else {
        emit(this._host, 'aniapi-logout', { reason: reason as LogoutReason });
      }
      this._host.requestUpdate();
    });
    // Read after subscribing: a token that expired while the page was away is dropped here and reported.
    this.session = getSession();
  }

  hostDisconnected(): void {
    this._stop?.();
    this._stop = undefined;
  }
}
