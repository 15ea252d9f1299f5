// What both pages share: the session shown in the layout, the list of events heard, and
// the app's configuration. Each page is a document of its own, so each starts afresh.
import { getSession, onChange, type Session } from 'aniapi-elements/session';

/** What the server tells the app in /config.json. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

/** The element marked `data-test="<name>"`, which the page's markup must have. */
export function part<T extends HTMLElement = HTMLElement>(name: string): T {
  const element = document.querySelector<T>(`[data-test="${name}"]`);
  if (!element) throw new Error(`the page has no [data-test="${name}"]`);
  return element;
}

/** Adds an event's type to the page's list of events heard. */
export function heard(event: Event): void {
  const item = document.createElement('li');
  item.textContent = event.type;
  part('events').append(item);
}

/** Calls `show` with the session now and on each change, showing "signed in" or "signed out" in the layout. */
export function watchSession(show: (session: Session | null) => void = () => {}): void {
  const update = (session: Session | null) => {
    part('session').textContent = session ? 'signed in' : 'signed out';
    show(session);
  };
  onChange(update);
  update(getSession());
}

/** Fetches /config.json, checking that each field is a string. */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) throw new Error('/config.json is not an object');
  const read = (key: keyof AppConfig): string => {
    const field: unknown = (body as Record<string, unknown>)[key];
    if (typeof field !== 'string') throw new Error(`/config.json has no string ${key}`);
    return field;
  };
  return {
    clientId: read('clientId'),
    redirectUri: read('redirectUri'),
    authorizeUrl: read('authorizeUrl'),
    apiBase: read('apiBase'),
  };
}
