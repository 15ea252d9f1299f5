/** What the package reads from a token. Read, never verified: not proof of identity. */
export interface TokenClaims {
  /** The `exp` claim in ms since the epoch, or `null` when the token is no JWT or has none. */
  expiresAt: number | null;
  /** The `id` claim (AniAPI's user id), or `null`. */
  userId: string | null;
}

/**
 * Reads `exp` and `id` from a JWT's payload without checking its signature:
 * only the server can do that. Anything that is not a readable JWT gives nulls.
 * An `exp` that is there but is no finite number (a string, null, `-1e999`) is
 * no date at all, so it reads as long past: such a token is refused, not kept forever.
 */
export function readClaims(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const binary = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
      const payload: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
      if (payload !== null && typeof payload === 'object') {
        const { exp, id } = payload as Record<string, unknown>;
        return {
          // Number.isFinite is false for anything but a finite number: no coercion.
          expiresAt: exp === undefined ? null : Number.isFinite(exp) ? (exp as number) * 1000 : 0,
          userId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
        };
      }
    } catch {
      // Not base64url or not JSON: an opaque token, which is allowed.
    }
  }
  return { expiresAt: null, userId: null };
}
