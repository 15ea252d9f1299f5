import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { afterLoad } from './after-load.js';
import { emit } from './events.js';
import type { LogoutReason } from '../token/token-store.js';
import { DEFAULT_EXPIRY_WARNING, watchExpiry } from '../token/expiry-watch.js';
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
  // The token last warned about, kept across re-armed watches: one warning per token.
  private _warned: string | undefined;

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
    // Read after subscribing. A token that expired while the page was away reads as null; the watch started
    // next drops it, and the change is relayed as `aniapi-logout` (`expired`).
    this.session = getSession();
    this._watchExpiry();
  }

  hostDisconnected(): void {
    this._stop?.();
    this._stopExpiry?.();
    this._stop = this._stopExpiry = undefined;
  }

  /** Before each update of the host: a new `expiryWarning` re-arms the expiry watch. */
  hostUpdate(): void {
    if (this._stop && this._warning !== this._host.expiryWarning) this._watchExpiry();
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
      warnBefore: this._lead(),
      // A warning due as the element connects waits for the page's listeners, as outcomes do.
      onExpiring: ({ accessToken }) => afterLoad(() => this._warn(accessToken)),
    });
  }

  /** Fires `aniapi-expiring` once per token, if it is still the session's and still due by the current lead. */
  private _warn(accessToken: string): void {
    const session = getSession();
    if (!this._host.isConnected || this._warned === accessToken || session?.accessToken !== accessToken) return;
    // The lead may have changed since (a framework binding it after connecting); the watch, re-armed, warns then.
    if (session.expiresAt === null || session.expiresAt - Date.now() > this._lead()) return;
    this._warned = accessToken;
    emit(this._host, 'aniapi-expiring', { expiresAt: session.expiresAt });
  }

  /** The host's lead in ms. One that is no number (`expiry-warning="soon"`) is the default lead, as in watchExpiry(). */
  private _lead(): number {
    const lead = this._host.expiryWarning * 1000;
    return Number.isFinite(lead) ? lead : DEFAULT_EXPIRY_WARNING;
  }
}
