import { ReactiveElement } from '@lit/reactive-element';
import type { CSSResultGroup, PropertyValues } from '@lit/reactive-element';
import { styleSheet } from './style-sheet.js';
import { AniapiError } from '../oauth/errors.js';
import { emit, emitFailure } from './events.js';
import { beginLogin } from '../oauth/begin-login.js';
import type { LoginOptions } from '../oauth/begin-login.js';
import { DEFAULT_EXPIRY_WARNING } from '../token/expiry-watch.js';
import { SessionController } from './session-controller.js';
import { customStates } from './custom-states.js';
import { popupHooks } from '../popup-sign-in/hooks.js';
import type { PopupHooks } from '../popup-sign-in/hooks.js';
import type { TokenStore } from '../token/token-store.js';
import { LocalizedTexts } from '../i18n/message-registry.js';
import { listen } from '../internal/listen.js';
import { LOGIN_MESSAGES } from '../i18n/english-messages.js';
import type { MessagePack } from '../i18n/message-registry.js';

/**
 * A button that signs the user in with AniAPI through the OAuth 2.0 implicit
 * grant: it records a pending login under a fresh state and sends the browser
 * to AniAPI's authorize page. Pair it with `<aniapi-callback>` on the redirect-URI page.
 *
 * @tag aniapi-login
 * @summary The "Log in with AniAPI" button.
 *
 * @slot - The button's label. Default: the `login` message, "Log in with AniAPI" in English, in the language of the closest `lang`.
 * @csspart button - The native `<button>`.
 *
 * @attr signed-in - Set by the element (do not set it yourself) while a session exists, for styling; removed when the token expires.
 * @attr defer-hydration - Rendered by a server (the React components in `aniapi-elements/react` do) on markup that a framework will hydrate. While it is present the element leaves its `signed-in` attribute alone, so that hydration finds the attributes the server rendered; `:state(signed-in)` is kept meanwhile. Removing it, as the framework does once hydrated, sets `signed-in` at once.
 *
 * @fires aniapi-login - Just before the redirect or the popup's navigation, detail `{ url }`; cancelable (in popup mode, cancelling closes the popup).
 * @fires aniapi-error - The login cannot start (`invalid_config`, `unsupported`, also written to `console.error` once) or, in popup mode, failed; detail `{ code, message }`.
 * @fires aniapi-token - A session began (a popup login, or a login in a tab sharing the store), detail `{ accessToken, expiresAt, returnTo: null }`.
 * @fires aniapi-expiring - The token expires soon (`expiry-warning` seconds ahead), detail `{ expiresAt }`; once per token.
 * @fires aniapi-logout - The session ended, detail `{ reason }`: `logout`, `expired` or `unauthorized`.
 *
 * @cssstate signed-in - A session exists, as the `signed-in` attribute says: `aniapi-login:state(signed-in)`.
 * @cssstate redirecting - The login has begun: the browser is leaving for AniAPI, or the popup is open.
 * @cssstate error - The last login could not start (`aniapi-error`); cleared by the next attempt.
 *
 * @cssprop --aniapi-login-background - The button's background, and the colour of its focus ring. Default: AniAPI blue.
 * @cssprop --aniapi-login-color - The button's text color. Default: white.
 * @cssprop --aniapi-login-radius - The button's corner radius. Default: 0.375rem.
 */
export class AniapiLoginElement extends ReactiveElement {
  static override properties = {
    clientId: { attribute: 'client-id' },
    redirectUri: { attribute: 'redirect-uri' },
    authorizeUrl: { attribute: 'authorize-url' },
    returnTo: { attribute: 'return-to' },
    disabled: { type: Boolean, reflect: true },
    mode: {},
    store: {},
    popupTimeout: { type: Number, attribute: 'popup-timeout' },
    expiryWarning: { type: Number, attribute: 'expiry-warning', useDefault: true },
    messages: { attribute: false },
    _awaitingHydration: { type: Boolean, attribute: 'defer-hydration' },
    _redirecting: { state: true },
    _failed: { state: true },
  };

  static override shadowRootOptions: ShadowRootInit = { ...ReactiveElement.shadowRootOptions, delegatesFocus: true };

  // The focus ring takes the button's own colour, so it shows wherever the button does;
  // forced colors repaint both. (Comments stay out of the CSS: it ships as written.)
  static override styles: CSSResultGroup = styleSheet(`
    :host {
      display: inline-block;
    }
    :host([hidden]) {
      display: none;
    }
    button {
      font: inherit;
      cursor: pointer;
      padding: 0.5em 1em;
      border: 1px solid transparent;
      border-radius: var(--aniapi-login-radius, 0.375rem);
      background: var(--aniapi-login-background, #1c4f9c);
      color: var(--aniapi-login-color, #fff);
    }
    button:focus-visible {
      outline: 2px solid var(--aniapi-login-background, #1c4f9c);
      outline-offset: 2px;
    }
    button:disabled {
      cursor: default;
      opacity: 0.7;
    }
    button[aria-busy='true'] {
      cursor: progress;
    }
  `);

  /** The OAuth client id registered with AniAPI. Required. */
  clientId = '';

  /** The client's registered redirect URI, on this page's origin, sent exactly as written; https, except on localhost. Required. */
  redirectUri = '';

  /** The authorize endpoint of your AniAPI server; https, except on localhost. Required: there is no default server. */
  authorizeUrl = '';

  /** Same-origin path to come back to after the callback. Default: the current path, query and hash. */
  returnTo: string | undefined = undefined;

  /** Disables the button. */
  disabled = false;

  /** `redirect` (this page leaves for AniAPI) or `popup` (this page stays; needs `aniapi-elements/popup` here and on the callback page). */
  mode: 'redirect' | 'popup' = 'redirect';

  /** Popup mode: where to keep the token, as `<aniapi-callback store>` does: `session`, `local` or `memory`. */
  store: TokenStore = 'session';

  /** Popup mode: seconds to wait for the response before `popup_timeout`. Default 600. */
  popupTimeout = 600;

  /** Seconds before the token expires to fire `aniapi-expiring`; 0 for none. Default 60. */
  expiryWarning = DEFAULT_EXPIRY_WARNING / 1000;

  /** Texts for this element that win over the registered ones, in any language: `{ login: 'Sign in' }`. */
  messages: MessagePack | undefined = undefined;

  // The defer-hydration attribute: the community protocol by which a framework says when it has hydrated the markup.
  private _awaitingHydration = false;

  private _redirecting = false;

  private _failed = false;

  private readonly _state = customStates(this);

  private readonly _session = new SessionController(this);

  private readonly _texts = new LocalizedTexts(this, LOGIN_MESSAGES);

  private _button: HTMLButtonElement | undefined;

  private _stopListening: (() => void) | undefined;

  // The button's default label: the slot's fallback, shown while the page puts nothing in the slot.
  private _label: HTMLSlotElement | undefined;

  /** Whether a session exists; the `signed-in` attribute mirrors it (unless `defer-hydration` holds it back). */
  get signedIn(): boolean {
    return this._session.session !== null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._stopListening = listen(window, ['pageshow'], this._onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopListening?.();
  }

  /**
   * Starts the login, as a click does: fires `aniapi-login`, then redirects
   * (or, in popup mode, sends the popup to AniAPI) unless a listener cancelled
   * it. Does nothing while disabled or redirecting. Popup mode needs the call
   * to come from a click, tap or key press, or the browser blocks the popup.
   */
  login(): void {
    if (this.disabled || this._redirecting) return;
    this._failed = false;
    const options: LoginOptions = {
      clientId: this.clientId,
      redirectUri: this.redirectUri,
      authorizeUrl: this.authorizeUrl,
      returnTo: this.returnTo,
    };
    try {
      // Left unset (a framework passes undefined for a prop it leaves out), mode is its default.
      const mode = this.mode ?? 'redirect';
      const popup = mode === 'popup' ? popupHooks() : undefined;
      if (popup) return this._loginInPopup(popup, options);
      if (mode !== 'redirect') {
        throw new AniapiError('invalid_config', 'mode must be redirect, or popup with aniapi-elements/popup loaded.');
      }
      const { url } = beginLogin(options);
      if (!emit(this, 'aniapi-login', { url }, true)) return;
      this._redirecting = true;
      this.assignLocation(url);
    } catch (error) {
      this._fail(error);
    }
  }

  /**
   * Popup mode: the path of `signInWithPopup()`, with the button's settings as
   * they are at the click (a later change, even by an `aniapi-login` listener,
   * neither moves the token to another store nor leaves the button busy with a
   * login that never ran), and `aniapi-login` fired before the popup leaves.
   */
  private _loginInPopup(popup: PopupHooks, options: LoginOptions): void {
    const signIn = popup.open({ ...options, store: this.store, timeout: this.popupTimeout });
    if (!emit(this, 'aniapi-login', { url: signIn.url }, true)) return signIn.cancel();
    this._redirecting = true;
    signIn
      .run()
      .catch((error: unknown) => this._fail(error))
      .finally(() => (this._redirecting = false));
  }

  private _fail(error: unknown): void {
    emitFailure(this, error);
    this._failed = true;
  }

  /**
   * Opens the authorize URL with `location.assign`, adding a history entry. A seam for tests.
   * @internal
   */
  assignLocation(url: string): void {
    location.assign(url);
  }

  // The shadow DOM is one fixed button, built once with DOM calls: no
  // templates and no innerHTML, so no Trusted Types policy is needed either.
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    const button = (this._button = document.createElement('button'));
    const label = (this._label = document.createElement('slot'));
    button.type = 'button';
    button.setAttribute('part', 'button');
    button.append(label);
    button.addEventListener('click', () => this.login());
    root.append(button);
    return root;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this._button!.disabled = this.disabled;
    this._label!.textContent = this._texts.lookup()('login');
    this._button!.setAttribute('aria-busy', String(this._redirecting));
    // A framework hydrating server-rendered markup warns of any attribute its server did not render.
    if (!this._awaitingHydration) this.toggleAttribute('signed-in', this.signedIn);
    this._state('signed-in', this.signedIn);
    this._state('redirecting', this._redirecting);
    this._state('error', this._failed);
  }

  // Coming Back to this page from the back-forward cache must not leave the button stuck busy.
  private _onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this._redirecting = false;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'aniapi-login': AniapiLoginElement;
  }
}
