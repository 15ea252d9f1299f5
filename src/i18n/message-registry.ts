/**
 * The message registry: every text the elements show, the built-in English
 * ones, the packs registered for other languages, and each element's lookup in
 * the language of the page around it. The registry lives on the global object
 * (under a symbol), so that two copies of the package agree.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { pageSingleton } from '../internal/page-singleton.js';
import { AniapiError } from '../oauth/errors.js';

/** `<aniapi-login>`'s texts. */
export interface LoginMessages {
  /** `<aniapi-login>`: the button's label, unless its slot has one. */
  login: string;
}

/** What `<aniapi-callback>` says on its way to a success: loaded with the element. */
export interface CallbackProgressMessages {
  /** `<aniapi-callback>`: while the response is checked. */
  signingIn: string;
  /** `<aniapi-callback>`: signed in. */
  signedIn: string;
  /** `<aniapi-callback>`: signed in, going back to the page the login started from (`auto-return`). */
  returning: string;
  /** `<aniapi-callback>` with `aniapi-elements/popup`: the window that started the login took the response and signed in. */
  handedBack: string;
}

/** What `<aniapi-callback>` says when a sign-in fails: loaded with its failure view, only then. A failure's text is keyed by its `cause` when it has one, else by its `code`. */
export interface CallbackFailureMessages {
  /** `<aniapi-callback>`: a failure, with "try again" offered; `{reason}` is the failure's text. */
  failed: string;
  /** `<aniapi-callback>`: a failure in a tab that knows no login to start again; `{reason}` is the failure's text. */
  failedNoRetry: string;
  /** `<aniapi-callback>`: the label of the "try again" button. */
  retry: string;
  /** The page was opened without a sign-in response. */
  no_response: string;
  /** The response could not be read safely. */
  malformed_response: string;
  /** This tab started no sign-in (or it was cleared). */
  no_pending_login: string;
  /**
   * `no_pending_login` on `localhost`, `127.0.0.1` or `[::1]`: `{reason}` is its text, followed by the likely cause,
   * a sign-in started on another of the machine's names.
   */
  loopbackHint: string;
  /** The response belongs to no sign-in of this tab. */
  state_mismatch: string;
  /** Cause `used`: the response was already used. */
  used: string;
  /** Cause `superseded`: a newer sign-in of this tab finished first. */
  superseded: string;
  /** The sign-in took too long. */
  login_expired: string;
  /** The server refused; `{error}` is its own text, shown as text. */
  provider_error: string;
  /** The response carries no token. */
  missing_token: string;
  /** The token arrived expired. */
  token_expired: string;
  /** The page is set up wrongly (an attribute). */
  invalid_config: string;
  /** The browser blocks what a sign-in needs. */
  unsupported: string;
  /** `<aniapi-callback>` with `aniapi-elements/popup`: the window that started the login took the response, but could not sign in. */
  handedBackFailed: string;
}

/** `<aniapi-user>`'s texts. */
export interface UserMessages {
  /** `<aniapi-user>`: the `loading` slot's default. */
  userLoading: string;
  /** `<aniapi-user>`: the `signed-out` slot's default. */
  userSignedOut: string;
  /** `<aniapi-user>`: announced when a user is loaded after a session change or `refresh()`; `{name}` is the username. */
  userSignedIn: string;
  /** `<aniapi-user>`: the `error` slot's default, also announced; `{reason}` is the failure's text. */
  userFailed: string;
  /** `<aniapi-user>`: AniAPI answered 429. */
  rate_limited: string;
  /** `<aniapi-user>`: AniAPI could not be reached or read. */
  network_error: string;
}

/**
 * Every text the elements show, by key. An element added later brings its keys
 * by declaration merging: `interface AniapiMessages { userLoading: string }`.
 * In a template, `{reason}`, `{error}` or `{name}` stands for the one value it takes.
 */
export interface AniapiMessages
  extends LoginMessages, CallbackProgressMessages, CallbackFailureMessages, UserMessages {}

/** Some or all of the texts, for one language or one element. */
export type MessagePack = Partial<AniapiMessages>;

interface Registry {
  packs: Map<string, MessagePack>;
  /** Connected elements, told to render again when texts are registered. */
  hosts: Set<ReactiveControllerHost>;
}

const registry = pageSingleton<Registry>('messages', () => ({ packs: new Map(), hosts: new Set() }));

/**
 * Registers texts for a language, a BCP 47 tag such as `it` or `fr-CA`
 * (case does not matter), over any registered for it before; `en` overrides
 * the built-in English. A partial pack is fine: each missing text falls back
 * to the broader tag (`fr-CA` to `fr`), then to English. Connected elements
 * show the new texts at once.
 *
 * @throws {AniapiError} `invalid_config` for a `lang` that is no language tag
 *   (`fr_FR`, `''`): no page's `lang` would ever find its texts.
 */
export function registerMessages(lang: string, pack: MessagePack): void {
  try {
    Intl.getCanonicalLocales(lang);
  } catch {
    throw new AniapiError(
      'invalid_config',
      `registerMessages takes a BCP 47 language tag, such as fr or fr-CA; ${JSON.stringify(lang)} is none.`,
    );
  }
  addMessages(lang, pack);
}

/**
 * Registers texts as {@link registerMessages} does, for a `lang` known to be a
 * language tag: the packs this package ships, which need not carry the check.
 */
export function addMessages(lang: string, pack: MessagePack): void {
  const key = lang.toLowerCase();
  registry.packs.set(key, { ...registry.packs.get(key), ...pack });
  registry.hosts.forEach((host) => host.requestUpdate());
}

/** Puts `value` where a template has its `{name}`, as it is: a `$` in it means nothing. */
export function fill(template: string, value: string): string {
  return template.replace(/\{\w+\}/, () => value);
}

/**
 * A lookup of texts in an element's languages. A key of the element's built-in
 * English texts always finds a text; any other key (an error code that has no
 * text of its own, say) may not.
 */
export interface TextLookup<Known extends keyof AniapiMessages> {
  (key: Known): string;
  (key: string): string | undefined;
}

/**
 * An element's texts. The language is the `lang` of the element's closest
 * ancestor that has one, crossing shadow roots to their hosts (so the page's
 * `<html lang>` in the end), read on each render; an element renders again
 * when texts are registered, or when its `requestUpdate()` is called after a
 * `lang` changed.
 */
export class LocalizedTexts<Known extends keyof AniapiMessages> implements ReactiveController {
  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement & { messages: MessagePack | undefined },
    private readonly _english: Pick<AniapiMessages, Known>,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    registry.hosts.add(this._host);
    // The texts are data, set from script: an attribute of that name, which markup may try, is read by nothing.
    if (this._host.hasAttribute('messages'))
      console.error(
        `<${this._host.localName}> messages is a property, not an attribute: set it from script, element.messages = { … }.`,
      );
  }

  hostDisconnected(): void {
    registry.hosts.delete(this._host);
  }

  /**
   * A lookup for the host's language as it is now: its own `messages`, the
   * language's pack, broader tags, then English: the element's own, and
   * `more`, English texts loaded later (a failure's).
   */
  lookup(): TextLookup<Known>;
  lookup<More extends keyof AniapiMessages>(more: Pick<AniapiMessages, More>): TextLookup<Known | More>;
  lookup(more?: MessagePack): TextLookup<Known> {
    const packs: Array<MessagePack | undefined> = [this._host.messages];
    for (let lang = langOf(this._host); lang; lang = lang.slice(0, Math.max(lang.lastIndexOf('-'), 0)))
      packs.push(registry.packs.get(lang));
    packs.push(registry.packs.get('en'), this._english, more);
    const lookup = (key: string): string | undefined => {
      for (const pack of packs) {
        // A pack is data from anywhere: a text that is no string is skipped, down to the built-in English.
        const text = (pack as Record<string, unknown> | undefined)?.[key];
        if (typeof text === 'string') return text;
      }
      return undefined;
    };
    // The built-in English holds every key in Known, so those always find a string.
    return lookup as TextLookup<Known>;
  }
}

/** The lowercased `lang` in force at `element`; '' when none is set. */
function langOf(element: Element): string {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang != null) return lang.toLowerCase();
  }
  return '';
}
