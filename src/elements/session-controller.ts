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
  // The changes heard in this connection before the task after the page's load, held until then in order, for the
  // listeners that the page's scripts, or a framework once it has put the element in the page, add meanwhile, as
  // outcomes are: above all the end of a session whose token expired while the page was away, which the expiry
  // watch finds as the element connects. Undefined once changes go out as they come, and from then on the watch
  // warns too, so that a warning due as the element connects reaches those listeners as well.
  private _held: Array<() => void> | undefined;

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
    const held: Array<() => void> = (this._held = []);
    this._stop = onChange((session, reason) => {
      this.session = session;
      const tell = session
        ? () =>
            emit(this._host, 'aniapi-token', {
              accessToken: session.accessToken,
              expiresAt: session.expiresAt,
              returnTo: null,
            })
        : () => emit(this._host, 'aniapi-logout', { reason: reason as LogoutReason });
      if (this._held) this._held.push(tell);
      else tell();
      this._host.requestUpdate();
    });
    // Read after subscribing. A token that expired while the page was away reads as null; the watch started
    // next drops it, and the change is told as `aniapi-logout` (`expired`) after the page's load.
    this.session = getSession();
    this._watchExpiry();
    afterLoad(() => {
      // Still in this connection.
      if (this._held !== held) return;
      this._held = undefined;
      for (const tell of held) tell();
      this._watchExpiry();
    });
  }

  hostDisconnected(): void {
    this._stop?.();
    this._stopExpiry?.();
    this._stop = this._stopExpiry = this._held = undefined;
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
      // A lead that is no number (`expiry-warning="soon"`) is the default lead: the watch sees to that.
      warnBefore: this._warning * 1000,
      onExpiring: this._held ? undefined : this._warn,
    });
  }

  // One function for every watch this controller starts: the watch warns once per token across them all.
  private readonly _warn = ({ expiresAt }: ExpiringSession): void => {
    emit(this._host, 'aniapi-expiring', { expiresAt });
  };
}
