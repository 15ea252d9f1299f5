// GET /v1/auth/me: the user a token names, AniAPI's 401 and its reason where there is none,
// and the user as AniAPI shows it.
import { createHash } from 'node:crypto';
import { Refusal } from './http.js';
import { jwtVerify } from './jose.js';
import type { Registry, StandinUser } from './registry.js';

/** The tokens a test revoked. Only a digest of each is kept: enough to know it again, useless to a reader. */
export class Revocations {
  readonly #digests = new Set<string>();

  add(token: string): void {
    if (typeof token !== 'string' || !token) throw new TypeError('revokeToken needs the token, a string.');
    this.#digests.add(digest(token));
  }

  has(token: string): boolean {
    return this.#digests.has(digest(token));
  }
}

/** The user a request's Authorization header names, or AniAPI's 401 and its reason. */
export async function authenticate(
  header: string | undefined,
  secret: Uint8Array,
  registry: Registry,
  revoked: Revocations,
): Promise<StandinUser> {
  if (!header) throw new Refusal(401, 'Missing Authorization header');
  const [scheme, token, ...rest] = header.split(' ');
  if (scheme !== 'Bearer' || !token || rest.length) throw new Refusal(401, 'Invalid Authorization header');
  let id: unknown;
  try {
    ({
      payload: { id },
    } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
  } catch {
    // A bad signature, a bad shape, not yet valid or expired: AniAPI says the same for each.
    throw new Refusal(401, 'Invalid Authorization header');
  }
  // AniAPI cannot revoke a token; this is what it says of one it no longer accepts (signed with another key).
  if (revoked.has(token)) throw new Refusal(401, 'Invalid Authorization header');
  const user = registry.userOfClaim(id);
  if (!user) throw new Refusal(401, 'Invalid JWT token');
  if (user.verified === false) throw new Refusal(401, 'Email not verified');
  return user;
}

/**
 * The user as `/v1/auth/me` shows it: AniAPI's field names, absent fields left out.
 * AniAPI omits null fields, and a JSON config may well write an unknown avatar as null.
 */
export function publicUser(user: StandinUser) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    email_verified: user.verified !== false,
    role: user.role ?? 0,
    gender: user.gender ?? 0,
    ...(user.avatar == null ? {} : { avatar: user.avatar }),
    ...(user.avatarTracker == null ? {} : { avatar_tracker: user.avatarTracker }),
    ...(user.localization == null ? {} : { localization: user.localization }),
    has_anilist: user.hasAnilist ?? false,
    has_mal: user.hasMal ?? false,
  };
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
