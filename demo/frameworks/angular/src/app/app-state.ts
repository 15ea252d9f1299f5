// The app's state, shared by its routes: the config, the token store, and the events heard.
import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { TokenStore } from 'aniapi-elements/session';

/** What the server tells the app in /config.json. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

@Injectable({ providedIn: 'root' })
export class AppState {
  readonly #http = inject(HttpClient);
  readonly #config = signal<AppConfig | null>(null);
  readonly #configError = signal<string | null>(null);
  readonly #events = signal<readonly string[]>([]);

  /** `null` until /config.json is loaded. */
  readonly config = this.#config.asReadonly();
  readonly configError = this.#configError.asReadonly();
  /** Where `<aniapi-callback>` keeps the token. */
  // Bound to <aniapi-callback>'s store; not the default, so that the round trip shows the binding counts.
  readonly store = signal<TokenStore>('local');
  /** The type of each aniapi-* event that the app's own handlers heard, in order. */
  readonly events = this.#events.asReadonly();

  constructor() {
    this.#http.get<unknown>('/config.json').subscribe({
      next: (body) => {
        try {
          this.#config.set(readConfig(body));
        } catch (error) {
          this.#configError.set(error instanceof Error ? error.message : String(error));
        }
      },
      error: (error: unknown) => this.#configError.set(error instanceof Error ? error.message : String(error)),
    });
  }

  /** Notes an event that one of the app's own handlers ran for. */
  heard(event: Event): void {
    this.#events.update((events) => [...events, event.type]);
  }
}

function readConfig(body: unknown): AppConfig {
  if (typeof body !== 'object' || body === null) throw new Error('/config.json is not an object');
  const read = (field: keyof AppConfig): string => {
    const value: unknown = (body as Record<string, unknown>)[field];
    if (typeof value !== 'string') throw new Error(`/config.json lacks ${field}`);
    return value;
  };
  return {
    clientId: read('clientId'),
    redirectUri: read('redirectUri'),
    authorizeUrl: read('authorizeUrl'),
    apiBase: read('apiBase'),
  };
}
