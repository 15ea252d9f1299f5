'use client';
import { useSyncExternalStore } from 'react';
import { getSession, onChange, type Session } from 'aniapi-elements/session';

// The snapshot must be stable between changes, and getSession() builds a new object on each call:
// keep the last one while the token is the same.
let snapshot: Session | null = null;

function current(): Session | null {
  const next = getSession();
  if (next?.accessToken !== snapshot?.accessToken || next?.expiresAt !== snapshot?.expiresAt) snapshot = next;
  return snapshot;
}

/**
 * The package's session as React state: `null` when signed out, and on the server, which cannot
 * know it (the token is in the browser's storage). React hydrates with the server's `null`, then
 * renders again with the browser's session.
 */
export function useSession(): Session | null {
  return useSyncExternalStore(onChange, current, () => null);
}
