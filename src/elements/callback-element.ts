import { ReactiveElement } from '@lit/reactive-element';
import { listen } from '../internal/listen.js';
import type { CSSResultGroup, PropertyValues } from '@lit/reactive-element';
import { styleSheet } from './style-sheet.js';
import { scrubCallbackPage } from '../response/address-bar.js';
import { readCallbackPage } from '../response/page-outcome.js';
import type { CallbackResult } from '../response/page-outcome.js';
import { afterLoad } from './after-load.js';
import { emit, emitError, emitFailure } from './events.js';
import { DEFAULT_EXPIRY_WARNING } from '../token/expiry-watch.js';
import { SessionController } from './session-controller.js';
import { customStates } from './custom-states.js';
import { setText } from './set-text.js';
import { stashedResponse } from '../response/response-stash.js';
import { warnOfServiceWorker } from '../response/service-worker.js';
import type { HandBackClaim } from '../response/response-stash.js';
import { popupHooks } from '../popup-sign-in/hooks.js';
import type { TokenStore } from '../token/token-store.js';
import { getToken, setToken, STORES } from '../token/token-store.js';
import { LocalizedTexts } from '../i18n/message-registry.js';
import type { MessagePack } from '../i18n/message-registry.js';
import { CALLBACK_PROGRESS_MESSAGES } from '../i18n/english-messages.js';

export type { CallbackResult } from '../response/page-outcome.js';

/**
 * Where an element is with the page's response. `unchecked`: the next update
 * checks it. `handing-back`: the window that started its login is asked to
 * take it. `known`: checked here (its `result`, and whether `aniapi-elements/popup`
 * was there to offer it first), or claimed by that window (its `claim`).
 * `reported`: its event has fired, and the view shows it.
 */
type Phase =
  | { at: 'unchecked' }
  | { at: 'handing-back' }
  | { at: 'known' | 'reported'; result: CallbackResult; popupLoaded: boolean }
  | { at: 'known' | 'reported'; claim: HandBackClaim };

type FailureView = typeof import('./failure-view.js');

/**
 * The page's failure view, one for all its callback elements: not asked for yet
 * (undefined), `loading`, or `here`. Here, `view` is null when it could not be
 * fetched: a failure is then told in the fewest words, with no "Try again".
 */
let failureView: { at: 'loading'; loaded: Promise<void> } | { at: 'here'; view: FailureView | null } | undefined;

/** Fetches the failure view once; resolves when it is here, or could not be fetched. */
function loadFailureView(): Promise<void> {
  if (failureView === undefined) {
    const loaded = import('./failure-view.js').then(
      (view) => void (failureView = { at: 'here', view }),
      () => void (failureView = { at: 'here', view: null }),
    );
    failureView = { at: 'loading', loaded };
  }
  return failureView.at === 'loading' ? failureView.loaded : Promise.resolve();
}

/** The failure view, once it is here and was fetched. */
function failureViewIfHere(): FailureView | null {
  return failureView?.at === 'here' ? failureView.view : null;
}

/** The response's outcome in this phase: checked here, claimed by another window, or not known yet. */
function outcomeOf(phase: Phase): CallbackResult | HandBackClaim | null {
  if ('result' in phase) return phase.result;
  if ('claim' in phase) return phase.claim;
  return null;
}

/** Whether the phase ends in a failure, which needs the failure view to be told. */
const failed = (phase: Phase): boolean => outcomeOf(phase)?.ok === false;

/**
 * Completes an AniAPI login on the redirect-URI page. On first connection it
 * removes the response from the address bar, checks it against the login this
 * tab started, keeps the token, and reports the outcome once, after the page's
 * `load` event, so that listeners added by any script of the page hear it. A
 * new response that lands in the same document is scrubbed and reported too.
 * Its live region says the outcome in words, in the page's language; after a
 * failure it offers "Try again": a fresh login with the same settings (client,
 * redirect URI, authorize URL), in redirect mode, that returns to the page the
 * failed one started from. Not in a popup, whose opener started the login.
 * What only a failure needs (its words and "Try again") is loaded on demand,
 * from beside the single file; a failure is reported once it is here.
 *
 * @tag aniapi-callback
 * @summary Place it on the page AniAPI redirects back to.
 *
 * @cssstate signed-in - A session exists, after this login or another.
 * @cssstate error - The response was refused: `aniapi-callback:state(error)`.
 *
 * @csspart status - The live region that says what is happening: signing in, signed in, or why it failed, in the language of the closest `lang`.
 * @csspart retry - The "Try again" button after a failure, when this tab knows the login to start again, is no popup, and the failure is no `invalid_config` or `unsupported`, which a fresh sign-in would meet again; hidden otherwise.
 *
 * @fires aniapi-login - "Try again" is starting a fresh login, detail `{ url }`; cancelable, as from `<aniapi-login>`.
 * @fires aniapi-token - Signed in, detail `{ accessToken, expiresAt, returnTo }`. Also fired on later session changes, with `returnTo: null`.
 * @fires aniapi-error - The response was refused, detail `{ code, message }`, with `cause` (`used` or `superseded`) when the tab remembers the response's login (every code is in the API reference, docs/api.md); or "Try again" could not start.
 * @fires aniapi-expiring - The token expires soon (`expiry-warning` seconds ahead), detail `{ expiresAt }`; once per token.
 * @fires aniapi-logout - The session ended, detail `{ reason }`: `logout` (here or in another tab), `expired`, or `unauthorized` (AniAPI refused the token).
 * @fires aniapi-handed-back - With `aniapi-elements/popup` loaded: the response belonged to a login started in another window (the popup's opener, or another tab), which took it; detail `{ popup }`. A popup then closes itself. This page reports no `aniapi-token` or `aniapi-error` of its own for the response; with `store="local"` it hears the new session, like any session change, as `aniapi-token` with `returnTo: null`.
 */
export class AniapiCallbackElement extends ReactiveElement {
  static override properties = {
    store: {},
    autoReturn: { type: Boolean, attribute: 'auto-return' },
    expiryWarning: { type: Number, attribute: 'expiry-warning', useDefault: true },
    messages: { attribute: false },
    _phase: { state: true },
  };

  static override styles: CSSResultGroup = styleSheet(`
    :host {
      display: block;
      overflow-wrap: anywhere;
    }
    :host([hidden]) {
      display: none;
    }
  `);

  /**
   * Where to keep the token: `session` (this tab), `local` (every tab, survives restarts) or `memory` (this page only).
   * Set it before the element's first update when the token must never touch sessionStorage.
   */
  store: TokenStore = 'session';

  /** After success, go back to the page the login started from (a same-origin path) with `location.replace`. */
  autoReturn = false;

  /** Seconds before the token expires to fire `aniapi-expiring`; 0 for none. Removing the attribute restores the default, 60. */
  expiryWarning = DEFAULT_EXPIRY_WARNING / 1000;

  /** Texts for this element that win over the registered ones, in any language: `{ signedIn: 'Welcome back!' }`. */
  messages: MessagePack | undefined = undefined;

  // The one record of where this element is with the response: its view and its events follow from it.
  private _phase: Phase = { at: 'unchecked' };

  // Paused until the response is checked: this element reports its own login, and an expired token it replaces did not end.
  private readonly _session = new SessionController(this, { paused: true });

  private _status: HTMLParagraphElement | undefined;

  private _retry: HTMLButtonElement | undefined;

  private _stopListening: (() => void) | undefined;

  private readonly _texts = new LocalizedTexts(this, CALLBACK_PROGRESS_MESSAGES);

  private readonly _state = customStates(this);

  // Left unset (a framework passes undefined for a prop it leaves out), store is its default.
  private get _store(): TokenStore {
    return this.store ?? 'session';
  }

  /** The outcome once known: `{ ok: true, token }` with the `aniapi-token` detail, or `{ ok: false, error }` with the `aniapi-error` detail. */
  get result(): CallbackResult | null {
    return 'result' in this._phase ? this._phase.result : null;
  }

  override connectedCallback(): void {
    // The response leaves the address bar first, synchronously; it is checked
    // and kept in the first update, once the page or framework has set `store`.
    // Connected again (moved in the page), only a fragment counts, as on
    // popstate: see _onHashChange.
    const arrived = scrubCallbackPage(this._phase.at !== 'unchecked');
    super.connectedCallback();
    this._stopListening = listen(window, ['popstate', 'hashchange'], this._onHashChange);
    // Reconnected after its first check: a response that came meanwhile is checked now, not left waiting.
    if (arrived && this._phase.at !== 'unchecked') this._check();
    // Heard by listeners that any script of the page adds while it loads; nothing once reported.
    afterLoad(() => this._report());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopListening?.();
  }

  /**
   * Leaves for `path` (against the page's URL, never a `<base>`) in a new document, with `location.replace`: it
   * takes the callback page's place in history. A seam for tests.
   * @internal
   */
  replaceLocation(path: string): void {
    const url = new URL(path, location.href);
    location.replace(url.href);
    // Only the fragment differed, so replace() merely scrolled and the document that held the token stays: reload.
    if (url.hash && location.href === url.href) location.reload();
  }

  /**
   * Opens the authorize URL of "Try again" with `location.assign`, adding a history entry as `<aniapi-login>` does.
   * A seam for tests.
   * @internal
   */
  assignLocation(url: string): void {
    location.assign(url);
  }

  // A paragraph and a button built with DOM calls, their text set as text: provider words can never become markup.
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    const status = (this._status = document.createElement('p'));
    const retry = (this._retry = document.createElement('button'));
    status.setAttribute('part', 'status');
    retry.setAttribute('part', 'retry');
    retry.type = 'button';
    retry.addEventListener('click', () => {
      const url = failureViewIfHere()?.retryLogin(this);
      if (url) this.assignLocation(url);
    });
    root.append(status, retry);
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const phase = this._phase;
    const result = this.result;
    const token = result?.ok ? result.token.accessToken : null;
    // Checked in the first update: the page or framework has set `store` by now.
    if (phase.at === 'unchecked') this._check();
    // A store set after the response was checked (Angular binds properties a task after
    // connecting) moves this login's token there, as long as it is still the session's.
    else if (changed.has('store') && STORES.includes(this._store) && token !== null && token === getToken()) {
      this._session.quietly(() => {
        try {
          // The same token: setToken() keeps its session record, issuer included.
          setToken(token, this._store);
        } catch (error) {
          emitFailure(this, error);
        }
      });
    }
    // Fetched as soon as a failure is known, so that its words are here by the time it is reported.
    if (failed(this._phase)) void loadFailureView();
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    // The outcome shows when it is reported: the live region, already there saying "Signing you in…", then announces it.
    const phase = this._phase;
    const shown = phase.at === 'reported';
    const result = shown ? this.result : null;
    const error = result?.ok === false ? result.error : null;
    const view = failureViewIfHere();
    const retry = error !== null && !!view && view.offersRetry(error);
    const t = this._texts.lookup();
    // A failure's own words come with the failure view (none when it could not be fetched).
    const tFailure = view ? this._texts.lookup(view.CALLBACK_FAILURE_MESSAGES) : null;
    let text = t('signingIn');
    if (shown && 'claim' in phase) text = phase.claim.ok ? t('handedBack') : (tFailure?.('handedBackFailed') ?? '');
    else if (result?.ok) text = t(this.autoReturn && result.token.returnTo !== null ? 'returning' : 'signedIn');
    // The provider's own words go in as text, and only where the template says.
    else if (error)
      text =
        view && tFailure
          ? view.explainFailure(tFailure, error, retry)
          : (t(error.cause ?? error.code) ?? error.message);
    const status = this._status!;
    // Unchanged text is left alone, role included, so that the live region does not announce it again.
    setText(status, text, () => status.setAttribute('role', error ? 'alert' : 'status'));
    this._retry!.hidden = !retry;
    this._retry!.textContent = tFailure?.('retry') ?? '';
    this._state('signed-in', this._session.session !== null);
    this._state('error', !!error);
  }

  /**
   * Checks the page's response here, or offers it to the window that started
   * its login; one that lands while the last is offered waits in the stash for the answer.
   */
  private _check(): void {
    // Asking for the worker costs Chromium about 100 ms (measured): the check waits until the response is dealt with.
    if (stashedResponse()) setTimeout(warnOfServiceWorker);
    if (this._phase.at === 'handing-back') return;
    const popup = popupHooks();
    const offer = popup?.handBack();
    if (!offer) {
      const result = this._session.quietly(() => readCallbackPage(this._store));
      this._phase = { at: 'known', result, popupLoaded: !!popup };
      return;
    }
    this._phase = { at: 'handing-back' };
    void offer.then((claim) => {
      // Unclaimed, it is checked here in the next update: it, or the newest response if one landed meanwhile.
      this._phase = claim ? { at: 'known', claim } : { at: 'unchecked' };
      // Claimed, a session change is news from now on, like the one the taking window may share through the store.
      if (claim) this._session.resume();
      afterLoad(() => {
        this._report();
        // Claimed, a response that landed meanwhile is still in the stash.
        if (claim && stashedResponse()) {
          this._check();
          this._report();
        }
      });
    });
  }

  /** Fires the known outcome's event once, while connected; a failure once the words for it are here. */
  private _report(): void {
    const phase = this._phase;
    if (!this.isConnected || phase.at !== 'known') return;
    if (failed(phase) && failureView?.at !== 'here') {
      void loadFailureView().then(() => this._report());
      return;
    }
    this._phase = { ...phase, at: 'reported' };
    if ('claim' in phase) {
      const popup = !!window.opener;
      emit(this, 'aniapi-handed-back', { popup });
      if (popup) window.close();
    } else if (!phase.result.ok) {
      emitError(this, phase.result.error);
      failureViewIfHere()?.adviseOnFailure(phase.result.error, phase.popupLoaded);
    } else {
      emit(this, 'aniapi-token', phase.result.token);
      if (this.autoReturn && phase.result.token.returnTo !== null) this.replaceLocation(phase.result.token.returnTo);
    }
  }

  // A new response can arrive without a new page: the same URL with another
  // fragment. popstate comes first, synchronously, hashchange a task later;
  // whichever runs first scrubs the address bar, and the response is reported
  // like the first. Any other fragment (a skip link) changes nothing here, and
  // neither does a query: one with a response in it comes with a new page, so
  // in this one it is an entry of the app's own (Back to `?state=CA`).
  private _onHashChange = (): void => {
    // Off the address bar at once, even while the last response is still being offered.
    if (!scrubCallbackPage(true)) return;
    this._check();
    this._report();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'aniapi-callback': AniapiCallbackElement;
  }
}
