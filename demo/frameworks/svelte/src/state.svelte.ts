// The app's state, shared by its components: the config, the route, the events heard, and the session.
import { getSession, onChange, type Session, type TokenStore } from 'aniapi-elements/session';

/** What the server tells the app in /config.json. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

export const app = $state<{
  /** `null` until /config.json is loaded. */
  config: AppConfig | null;
  configError: string | null;
  path: string;
  /** Where `<aniapi-callback>` keeps the token. */
  store: TokenStore;
  /** The type of each aniapi-* event that the app's own handlers heard, in order. */
  events: string[];
}>({
  config: null,
  configError: null,
  path: location.pathname,
  // Bound to <aniapi-callback>'s store; not the default, so that the round trip shows the binding counts.
  store: 'local',
  events: [],
});

export async function loadConfig(): Promise<void> {
  try {
    const response = await fetch('/config.json');
    if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) throw new Error('/config.json is not an object');
    const record = body as Record<string, unknown>;
    const read = (field: keyof AppConfig): string => {
      const value = record[field];
      if (typeof value !== 'string') throw new Error(`/config.json lacks ${field}`);
      return value;
    };
    app.config = {
      clientId: read('clientId'),
      redirectUri: read('redirectUri'),
      authorizeUrl: read('authorizeUrl'),
      apiBase: read('apiBase'),
    };
  } catch (error) {
    app.configError = error instanceof Error ? error.message : String(error);
  }
}

/** Goes to a path of the app without reloading the page. */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  app.path = path;
}

export function heard(event: Event): void {
  app.events.push(event.type);
}

/**
 * The session as a rune: seeded with getSession(), kept current by onChange while
 * the calling component is mounted, unsubscribed when it is destroyed.
 * Call it during a component's initialisation.
 */
export function useSession(): { readonly current: Session | null } {
  let current = $state.raw<Session | null>(getSession());
  $effect(() => {
    const unsubscribe = onChange((session) => {
      current = session;
    });
    // Read again after subscribing, in case it changed between initialisation and mounting.
    current = getSession();
    return unsubscribe;
  });
  return {
    get current() {
      return current;
    },
  };
}
