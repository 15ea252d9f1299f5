import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { afterLoad } from './after-load.js';
import { emit } from './events.js';
import type { LogoutReason } from '../token/token-store.js';
import { watchExpiry } from '../token/expiry-watch.js';
import type { ExpiringSession } from '../token/expiry-watch.js';
import type { Session } from '../token/token-store.js';
import { getSession, onChange } from '../token/token-store.js';

/**
 * Keeps an element's view of the session current while it is connected and
 * fires `aniapi-token` / `aniapi-logout` from it on every change, including
 * changes made in other tabs that share the store, `aniapi-expiring` before
 * the token expires and `aniapi-logout` (`expired`) when it does.
 */
export class SessionController implements ReactiveController {
  /** The session as last heard, or null when signed out. */
  session: Session | null = null;
  // Paused, it relays nothing: the host reports the change itself.
  private _paused: boolean;
  private _stop: (() => void) | undefined;
  private _stopExpiry: (() => void) | undefined;
  // The lead the expiry watch runs with, in seconds: a new one re-arms it.
  private _warning: number | undefined;

  /**
   * Attaches itself to `_host`. A controller made `paused` relays nothing
   * until {@link resume}d: the callback element reports its own login first.
   */
  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement & { expiryWarning: number },
    { paused = false }: { paused?: boolean } = {},
  ) {
    this._paused = paused;
    _host.addController(this);
  }

  hostConnected(): void {
    if (this._paused) return;
    this._stop = onChange((session, reason) => {
      this.session = session;
      if (session) {
        emit(this._host, 'aniapi-token', {
          accessToken: session.accessToken,
          expiresAt: session.expiresAt,
          returnTo: null,
        });
      } else {
        emit(this._host, 'aniapi-logout', { reason: reason as LogoutReason });
      }
      this._host.requestUpdate();
    });
    // Read after subscribing: a token that expired while the page was away reads as null.
    this.session = getSession();
    // The watch starts in the task after the page's load, so that what it finds as the element connects (a warning
    // due, or that token, which it drops: `aniapi-logout`, `expired`) reaches the listeners that the page's scripts,
    // or a framework once it has put the element in the page, add meanwhile, as outcomes do.
    afterLoad(() => {
      // Still connected, and not yet watching.
      if (this._stop && !this._stopExpiry) this._watchExpiry();
    });
  }

  hostDisconnected(): void {
    this._stop?.();
    this._stopExpiry?.();
    this._stop = this._stopExpiry = undefined;
  }

  /** Before each update of the host: a new `expiryWarning` re-arms the expiry watch, once it has started. */
  hostUpdate(): void {
    if (this._stopExpiry && this._warning !== this._host.expiryWarning) this._watchExpiry();
  }

  /** Relays again, from the session as it is now, while the host is connected. */
  resume(): void {
    this._paused = false;
    if (this._host.isConnected && !this._stop) this.hostConnected();
  }

  /** Runs `change` without relaying it, for a change the host reports itself; relays again after, even if it throws. */
  quietly<T>(change: () => T): T {
    this._paused = true;
    this.hostDisconnected();
    try {
      return change();
    } finally {
      this.resume();
    }
  }

  private _watchExpiry(): void {
    this._stopExpiry?.();
    this._warning = this._host.expiryWarning;
    this._stopExpiry = watchExpiry({
      // A lead that is no number (`expiry-warning="soon"`) is the default lead: the watch sees to that.
      warnBefore: this._warning * 1000,
      onExpiring: this._warn,
    });
  }

  // One function for every watch this controller starts: the watch warns once per token across them all.
  private readonly _warn = ({ expiresAt }: ExpiringSession): void => {
    emit(this._host, 'aniapi-expiring', { expiresAt });
  };
}
