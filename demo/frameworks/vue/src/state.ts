// The app's state, shared by its views: the config, the token store, and the events heard.
import type { TokenStore } from 'aniapi-elements/session';
import { reactive } from 'vue';

/** What the server tells the app in /config.json. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

export const app = reactive<{
  /** `null` until /config.json is loaded. */
  config: AppConfig | null;
  configError: string | null;
  /** Where `<aniapi-callback>` keeps the token. */
  store: TokenStore;
  /** The type of each aniapi-* event that the app's own handlers heard, in order. */
  events: string[];
}>({
  config: null,
  configError: null,
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
    const read = (field: keyof AppConfig): string => {
      const value: unknown = (body as Record<string, unknown>)[field];
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

/** Notes an event that one of the app's own handlers ran for. */
export function heard(event: Event): void {
  app.events.push(event.type);
}
