import { beginLogin } from '../../src/login-flow.js';
import type { PageEnvironment } from '../../src/page.js';

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

/** Starts a login as `<aniapi-login>` would and returns its state, read back from the authorize URL. */
export function startLogin(options: { returnTo?: string; now?: number } = {}): string {
  const { url } = beginLogin(
    {
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      redirectUri: 'http://localhost:3000/callback',
      authorizeUrl: 'http://localhost:8080/v1/oauth',
      returnTo: options.returnTo,
    },
    pageAt(options.now),
  );
  return new URL(url).searchParams.get('state')!;
}

/** Forgets every token and pending login this origin's tab holds. */
export function clearStorage(): void {
  sessionStorage.clear();
  localStorage.clear();
}

/** The keys of a storage area. */
export function keysOf(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)!);
}
