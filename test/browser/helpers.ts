import { beginLogin } from '../../src/oauth/begin-login.js';
import type { PageEnvironment } from '../../src/oauth/page-environment.js';
import { afterLoad } from '../../src/elements/after-load.js';

/** Base64url of a string, as JWTs encode their parts. */
export function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned JWT with these claims: the client reads claims, it never verifies them. */
export function jwt(claims: Record<string, unknown>): string {
  return `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

/** A token like AniAPI's: user 42, valid for 30 days from now. */
export function aniapiToken(now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  return jwt({ id: '42', nbf: iat, iat, exp: iat + 30 * 24 * 3600 });
}

/** The page as beginLogin and completeLogin see it, at `now`. */
export function pageAt(now = Date.now()): PageEnvironment {
  return { location, storage: sessionStorage, now };
}

/** A page at `href` (not this one: its origin is what a login compares its redirect URI with), with this tab's storage. */
export function pageOn(href: string, now = Date.now()): PageEnvironment {
  return { location: new URL(href), storage: sessionStorage, now };
}

/** A redirect URI on this page's origin, as every login must have. */
export const CALLBACK_URL = `${location.origin}/callback`;

/** Starts a login as `<aniapi-login>` would and returns its state, read back from the authorize URL. */
export function startLogin(options: { returnTo?: string; now?: number } = {}): string {
  const { url } = beginLogin(
    {
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      redirectUri: CALLBACK_URL,
      authorizeUrl: 'http://localhost:8080/v1/oauth',
      returnTo: options.returnTo,
    },
    pageAt(options.now),
  );
  return new URL(url).searchParams.get('state')!;
}

/** Where the session keeps the token, in sessionStorage or localStorage. */
export const TOKEN_KEY = 'aniapi-elements.token';

/** The session record as the package writes it, for tests that play another tab or script. */
export function sessionRecord(accessToken: string, issuer: string | null = null, id = `test.${Math.random()}`): string {
  return JSON.stringify({ accessToken, issuer, id });
}

/** The token that a storage area holds for the session, read from the package's record; null when none. */
export function storedToken(storage: Storage): string | null {
  const json = storage.getItem(TOKEN_KEY);
  return json === null ? null : (JSON.parse(json) as { accessToken: string }).accessToken;
}

/** What another tab's write of the session key (a token in the package's record, or `raw` text) looks like to this one. */
export function otherTabWrites(token: string | null, { raw = false } = {}): void {
  const value = token === null || raw ? token : sessionRecord(token);
  if (value === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, value);
  window.dispatchEvent(new StorageEvent('storage', { key: TOKEN_KEY, newValue: value, storageArea: localStorage }));
}

/** Forgets every token and pending login this origin's tab holds. */
export function clearStorage(): void {
  sessionStorage.clear();
  localStorage.clear();
}

/** Fills localStorage to its last character, halving the chunk whenever one no longer fits. */
export function fillLocalStorage(): void {
  for (let size = 1024 * 1024, i = 0; size >= 1; i++) {
    try {
      localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
    } catch {
      size = Math.floor(size / 2);
    }
  }
}

/** The keys of a storage area. */
export function keysOf(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)!);
}

/** Loads `path` in a fresh iframe of this test page (same origin, same tab's sessionStorage) and waits for its load event. */
export async function openFrame(path: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  const loaded = nextLoad(frame);
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** Resolves at the frame's next load event. */
export function nextLoad(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

/** The element of `host`'s shadow root that is its part `name`; null when it has none. */
export function part<E extends HTMLElement = HTMLElement>(host: Element, name: string): E | null {
  return host.shadowRoot!.querySelector<E>(`[part=${name}]`);
}

/** Collects the package's events that reach `target` until stopped. */
export function collectEvents(target: EventTarget = document): { events: CustomEvent[]; stop: () => void } {
  const events: CustomEvent[] = [];
  const types = [
    'aniapi-login',
    'aniapi-token',
    'aniapi-error',
    'aniapi-logout',
    'aniapi-expiring',
    'aniapi-handed-back',
    'aniapi-user',
  ];
  const record = (event: Event) => events.push(event as CustomEvent);
  for (const type of types) target.addEventListener(type, record);
  return { events, stop: () => types.forEach((type) => target.removeEventListener(type, record)) };
}

/** The error `act` throws; fails the test when it throws nothing. */
export function thrown<E = Error>(act: () => unknown): E {
  try {
    act();
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a failure');
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a failure');
}

/** A user as AniAPI's answer for the signed-in user carries it, without an avatar: the tests' "demo". */
export const DEMO_USER = {
  id: 1,
  username: 'demo',
  email: 'demo@aniapi.test',
  email_verified: true,
  role: 0,
  gender: 0,
  has_anilist: false,
  has_mal: false,
};

/**
 * Resolves in the task after the page's load, once the elements' own work of that task is done: the session changes
 * they heard until then, which they hold for the listeners a page adds meanwhile, have been told.
 */
export function afterPageLoad(): Promise<void> {
  // Later than the elements' own task: a browser may put a timer off by 4 ms (nested timers), and so out of order.
  return new Promise((resolve) => afterLoad(() => setTimeout(resolve, 10)));
}
