import { ReactiveElement } from '@lit/reactive-element';
import type { CSSResultGroup, PropertyValues } from '@lit/reactive-element';
import { AniapiError } from '../oauth/errors.js';
import { afterLoad } from './after-load.js';
import { emit, emitFailure } from './events.js';
import { watchExpiry } from '../token/expiry-watch.js';
import { imageUrl } from './avatar-url.js';
import type { AniapiUser } from '../http/fetch-user.js';
import { fetchUser } from '../http/fetch-user.js';
import { getSession, onChange } from '../token/token-store.js';
import { customStates } from './custom-states.js';
import { setText } from './set-text.js';
import { userElementStyles } from './user-element.styles.js';
import type { MessagePack } from '../i18n/message-registry.js';
import { fill, LocalizedTexts } from '../i18n/message-registry.js';
import { USER_MESSAGES } from '../i18n/english-messages.js';

/** What `<aniapi-user>` shows; the custom state of the same name is on. */
export type AniapiUserStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

/** What the card shows: its status, with the user it loaded (and whether to announce them) or why it failed. */
type Shown =
  | { status: 'loading' | 'signed-out' }
  | { status: 'signed-in'; user: AniapiUser; announce: boolean }
  | { status: 'error'; failure: AniapiError };

/** Detail of `aniapi-user`. */
export interface AniapiUserDetail {
  /** The user from AniAPI's `GET /v1/auth/me`: its documented fields that had the documented type. */
  user: AniapiUser;
}

export type AniapiUserEvent = CustomEvent<AniapiUserDetail>;

declare module './events.js' {
  interface AniapiEventMap {
    'aniapi-user': AniapiUserEvent;
  }
}

/**
 * Shows who is signed in: the avatar and name AniAPI gives for the session's
 * token (`fetchUser()`), fetched when the element connects and again whenever
 * the session changes while it is connected: a login here or in another tab
 * sharing the store, a logout, an expired or refused token. An answer that a
 * newer fetch or session change has overtaken is never shown.
 *
 * @tag aniapi-user
 * @summary The signed-in user's avatar and name.
 *
 * @slot - Shown after the name while a user is shown, e.g. a logout button.
 * @slot loading - Shown while the user is being fetched. Default: "Loading…"
 * @slot signed-out - Shown when nobody is signed in. Default: "Not signed in."
 * @slot error - Shown when the user could not be fetched. Default: the failure in words.
 *
 * @csspart user - The signed-in view: avatar, name and the default slot, in a row.
 * @csspart avatar - The avatar `<img>`, decorative (`alt=""`); absent when there is none, or its URL is refused.
 * @csspart name - The username, as text; empty when AniAPI sent none that is text.
 * @csspart loading - The view around the `loading` slot.
 * @csspart signed-out - The view around the `signed-out` slot.
 * @csspart error - The view around the `error` slot.
 *
 * @cssstate loading - The user is being fetched.
 * @cssstate signed-in - A user is shown: `aniapi-user:state(signed-in)`.
 * @cssstate signed-out - Nobody is signed in, or AniAPI refused the token.
 * @cssstate error - The user could not be fetched (`aniapi-error`).
 *
 * @cssprop --aniapi-user-avatar-size - Width and height of the avatar. Default: 2em.
 * @cssprop --aniapi-user-avatar-radius - Corner radius of the avatar. Default: 50%, a circle.
 * @cssprop --aniapi-user-gap - Space between the avatar, the name and the default slot. Default: 0.5em.
 *
 * @fires aniapi-user - A user was loaded, detail `{ user }`: AniAPI's user, its fields of the wrong type left out, so the page need not ask again.
 * @fires aniapi-error - The user could not be fetched (`rate_limited`, `network_error`, `invalid_config`), detail `{ code, message }`.
 */
export class AniapiUserElement extends ReactiveElement {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    allowOrigin: { attribute: false },
    messages: { attribute: false },
    _shown: { state: true },
  };

  static override styles: CSSResultGroup = userElementStyles;

  /**
   * The AniAPI server to ask, without `/v1`; https, except on localhost. Required: there is no default server. It must
   * be on the origin the token came from (the authorize URL's), unless `allowOrigin` allows it.
   */
  apiBase: string | undefined = undefined;

  /**
   * An API origin other than the token's issuer that may receive the token (`fetchUser()`'s `allowOrigin`). A
   * property only, set from script: markup alone never sends the token to a new origin.
   */
  allowOrigin: string | undefined = undefined;

  /**
   * The fetch that `fetchUser()` uses. A seam for tests.
   * @internal
   */
  fetch: typeof globalThis.fetch | undefined;

  // The one record of what the card shows; its views and its live region follow from it.
  private _shown: Shown = { status: 'loading' };

  /** Texts for this element that win over the registered ones, in any language: `{ userSignedOut: 'Welcome, guest' }`. */
  messages: MessagePack | undefined = undefined;

  private readonly _texts = new LocalizedTexts(this, USER_MESSAGES);

  private _loadingSlot: HTMLSlotElement | undefined;

  private _signedOutSlot: HTMLSlotElement | undefined;

  // Numbers the loads: an answer for any but the latest is dropped.
  private _loads = 0;

  private _loadOnUpdate = false;

  private _stop: Array<() => void> = [];

  private readonly _state = customStates(this);

  private _views: Record<AniapiUserStatus, HTMLElement> | undefined;

  private _avatar: HTMLImageElement | undefined;

  private _name: HTMLElement | undefined;

  private _error: HTMLSlotElement | undefined;

  private _live: HTMLElement | undefined;

  /** What the element shows: `loading`, `signed-in`, `signed-out` or `error`. */
  get status(): AniapiUserStatus {
    return this._shown.status;
  }

  /** The user shown, as `fetchUser()` gives it; `null` unless `status` is `signed-in`. */
  get user(): AniapiUser | null {
    return this._shown.status === 'signed-in' ? this._shown.user : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without an element that watches expiry on the page, the card would show a user whose token has ended.
    this._stop = [onChange(() => void this._load(true)), watchExpiry()];
    // The first fetch waits for the first update, by when a framework has set api-base.
    this._loadOnUpdate = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this._stop) stop();
    this._stop = [];
    // An answer that lands while disconnected is dropped; connecting again fetches afresh.
    this._loads++;
  }

  /**
   * Fetches the user again, as a session change does, and announces the outcome.
   * @returns A promise that resolves when the element shows the outcome.
   */
  async refresh(): Promise<void> {
    await this._load(true);
    await this.updateComplete;
  }

  // The views are built once with DOM calls, and AniAPI's words are set as text:
  // no templates and no innerHTML, so a username can never become markup.
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    const element = (tag: string, part: string | null, ...children: Array<Node | string>): HTMLElement => {
      const node = document.createElement(tag);
      if (part) node.setAttribute('part', part);
      node.append(...children);
      return node;
    };
    const slot = (name: string, fallback = ''): HTMLSlotElement => {
      const node = element('slot', null, fallback) as HTMLSlotElement;
      node.name = name;
      return node;
    };
    const avatar = (this._avatar = element('img', 'avatar') as HTMLImageElement);
    avatar.alt = '';
    // The avatar's host need not learn which page shows it.
    avatar.referrerPolicy = 'no-referrer';
    this._name = element('span', 'name');
    this._error = slot('error');
    this._views = {
      loading: element('span', 'loading', (this._loadingSlot = slot('loading'))),
      'signed-in': element('span', 'user', this._name, slot('')),
      'signed-out': element('span', 'signed-out', (this._signedOutSlot = slot('signed-out'))),
      error: element('span', 'error', this._error),
    };
    this._live = element('span', null);
    this._live.setAttribute('role', 'status');
    root.append(...Object.values(this._views), this._live);
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.isConnected && (this._loadOnUpdate || changed.has('apiBase') || changed.has('allowOrigin'))) {
      this._loadOnUpdate = false;
      void this._load(false);
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const shown = this._shown;
    for (const [status, view] of Object.entries(this._views!)) {
      view.hidden = status !== shown.status;
      this._state(status, !view.hidden);
    }
    const user = this.user;
    const avatar = this._avatar!;
    const src = imageUrl(user?.avatar, location);
    if (src === null) {
      avatar.remove();
      avatar.removeAttribute('src');
    } else {
      if (avatar.getAttribute('src') !== src) avatar.src = src;
      this._views!['signed-in'].prepend(avatar);
    }
    const t = this._texts.lookup();
    setText(this._name!, user?.username ?? '');
    setText(this._loadingSlot!, t('userLoading'));
    setText(this._signedOutSlot!, t('userSignedOut'));
    if (shown.status === 'error') {
      const failure = fill(t('userFailed'), t(shown.failure.code) ?? shown.failure.message);
      setText(this._error!, failure);
      setText(this._live!, failure);
    } else if (shown.status === 'signed-in') {
      // A user without a name is not announced as "Signed in as ".
      setText(this._live!, shown.announce && user?.username ? fill(t('userSignedIn'), user.username) : '');
    } else if (shown.status === 'signed-out') {
      // Signed out, the live region no longer claims anyone is signed in, nor that a load failed.
      setText(this._live!, '');
    }
    // Loading, the live region keeps what it said: a reload is no news until it ends.
  }

  /** Fetches the user for the current session; `announce` puts a loaded user's name in the live region. */
  private async _load(announce: boolean): Promise<void> {
    const load = ++this._loads;
    // An expired token reads as null; the expiry watch started on connecting drops it, and the change starts a newer load.
    if (getSession() === null) {
      if (load === this._loads) this._shown = { status: 'signed-out' };
      return;
    }
    this._shown = { status: 'loading' };
    const apiBase = this.apiBase;
    if (!apiBase) {
      // A framework may bind api-base a little after connecting: only a page that never sets it is told.
      afterLoad(() => {
        if (load === this._loads && !this.apiBase && this.isConnected)
          this._fail(new AniapiError('invalid_config', 'api-base is required: the AniAPI server to ask.'));
      });
      return;
    }
    let user: AniapiUser | null;
    try {
      user = await fetchUser({ apiBase, allowOrigin: this.allowOrigin, fetch: this.fetch });
    } catch (error) {
      if (!(error instanceof AniapiError)) throw error;
      if (load === this._loads) this._fail(error);
      return;
    }
    // A 401 has cleared the session by now, and the change has started a newer load.
    if (load !== this._loads) return;
    if (!user) {
      this._shown = { status: 'signed-out' };
      return;
    }
    this._shown = { status: 'signed-in', user, announce };
    emit(this, 'aniapi-user', { user });
  }

  private _fail(failure: AniapiError): void {
    this._shown = { status: 'error', failure };
    emitFailure(this, failure);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aniapi-user': AniapiUserElement;
  }
}
