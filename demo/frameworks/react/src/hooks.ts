import { useEffect, useState, useSyncExternalStore } from 'react';
import { getSession, onChange, type Session } from 'aniapi-elements/session';

// ---- Session: the package's session, as React state --------------------------

// The snapshot must be stable between changes, and getSession() builds a new
// object on each call: keep the last one while the token is the same.
let sessionSnapshot: Session | null = null;
let seeded = false;

function keep(next: Session | null): void {
  const same = seeded && next?.accessToken === sessionSnapshot?.accessToken && next?.expiresAt === sessionSnapshot?.expiresAt;
  if (!same) sessionSnapshot = next;
  seeded = true;
}

function subscribeSession(notify: () => void): () => void {
  keep(getSession()); // a change while nobody listened
  return onChange((session) => {
    keep(session);
    notify();
  });
}

function getSessionSnapshot(): Session | null {
  if (!seeded) keep(getSession());
  return sessionSnapshot;
}

/** The current session (`null` when signed out), kept up to date by `onChange`. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSessionSnapshot);
}

// ---- Routing by location.pathname ---------------------------------------------

const pathListeners = new Set<() => void>();

function subscribePath(notify: () => void): () => void {
  pathListeners.add(notify);
  window.addEventListener('popstate', notify);
  return () => {
    pathListeners.delete(notify);
    window.removeEventListener('popstate', notify);
  };
}

/** The path of the current URL; changes with `navigate()` and Back/Forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribePath, () => location.pathname);
}

/** Goes to a path of this app without reloading it. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  for (const notify of pathListeners) notify();
}

// ---- /config.json -------------------------------------------------------------

/** What the server tells the app in /config.json. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

function parseConfig(value: unknown): AppConfig {
  if (typeof value !== 'object' || value === null) throw new Error('/config.json is not an object');
  const read = (key: keyof AppConfig): string => {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (typeof field !== 'string') throw new Error(`/config.json has no string ${key}`);
    return field;
  };
  return { clientId: read('clientId'), redirectUri: read('redirectUri'), authorizeUrl: read('authorizeUrl'), apiBase: read('apiBase') };
}

/** Fetches /config.json once: `config` is null until it arrives, `error` says why it did not. */
export function useConfig(): { config: AppConfig | null; error: string | null } {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetch('/config.json', { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
        return parseConfig(await response.json());
      })
      .then(setConfig, (reason: unknown) => {
        if (!abort.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => abort.abort();
  }, []);
  return { config, error };
}
