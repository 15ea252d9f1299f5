import { randomBytes } from 'node:crypto';

/** An OAuth client registered with the stand-in. */
export interface StandinClient {
  /** A GUID, as AniAPI's client ids are. */
  id: string;
  /** Shown on the login page as "<name>'s authentication". */
  name: string;
  /** The one registered redirect URI; requests must match it exactly. */
  redirectUri: string;
  /** For the authorization-code grant's token endpoint. */
  secret?: string;
}

/** A user who can sign in. */
export interface StandinUser {
  id: number;
  email: string;
  password: string;
  username: string;
  /** Whether the email is verified; `/v1/auth/me` refuses unverified users. Default true. */
  verified?: boolean;
  avatar?: string;
  avatarTracker?: 'anilist' | 'mal';
  localization?: 'en' | 'it' | 'fr' | 'jp' | 'rj';
  role?: 0 | 1 | 2;
  gender?: 0 | 1 | 2;
  hasAnilist?: boolean;
  hasMal?: boolean;
}

/** How a stand-in is set up. Every field is optional. */
export interface StandinOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1: never reachable from elsewhere. */
  host?: string;
  /** The registered clients. Default: the demo client. */
  clients?: StandinClient[];
  /** The users. Default: the demo user, demo@aniapi.test / demo. */
  users?: StandinUser[];
  /** Token lifetime in seconds. Default 30 days, as AniAPI's. */
  tokenLifetime?: number;
  /** Requests a minute from one address before 429. Default 90, as AniAPI's; 0 turns the limit off. */
  rateLimit?: number;
  /** The HS256 key that signs tokens. Default: random for each start. */
  secret?: string;
}

/** The demo client's id: a fixed GUID so a demo page can name it. */
export const DEMO_CLIENT_ID = '5a0e6f2c-8c1d-4b7e-9f3a-2d6b1c4e7a90';
export const DEMO_REDIRECT_URI = 'http://localhost:8000/callback.html';
export const DEMO_EMAIL = 'demo@aniapi.test';
export const DEMO_PASSWORD = 'demo';

// An inline SVG, so the demo shows an avatar without reaching the internet.
const DEMO_AVATAR =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#1c4f9c"/><text x="32" y="42" font-size="28" text-anchor="middle" fill="#fff" font-family="sans-serif">D</text></svg>',
  );

export function demoClient(redirectUri = DEMO_REDIRECT_URI): StandinClient {
  return { id: DEMO_CLIENT_ID, name: 'AniAPI Elements demo', redirectUri, secret: 'demo-secret' };
}

export function demoUser(): StandinUser {
  return {
    id: 1,
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    username: 'demo',
    avatar: DEMO_AVATAR,
    avatarTracker: 'anilist',
    localization: 'en',
  };
}

/** The options with their defaults filled in, checked. */
export interface Settings {
  port: number;
  host: string;
  clients: StandinClient[];
  users: StandinUser[];
  tokenLifetime: number;
  rateLimit: number;
  secret: Uint8Array;
  /** Whether the login page shows the demo credentials: only when the demo user is there. */
  showDemoCredentials: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function settle(options: StandinOptions): Settings {
  const clients = options.clients ?? [demoClient()];
  const users = options.users ?? [demoUser()];
  for (const client of clients) {
    if (!GUID.test(client.id)) throw new TypeError(`Client id ${JSON.stringify(client.id)} is not a GUID.`);
    if (!client.name || !client.redirectUri) throw new TypeError(`Client ${client.id} needs a name and a redirectUri.`);
  }
  for (const user of users) {
    if (!Number.isInteger(user.id) || !user.email || !user.password || !user.username) {
      throw new TypeError(
        `User ${JSON.stringify(user.email)} needs an integer id, an email, a password and a username.`,
      );
    }
  }
  const whole = (value: number | undefined, fallback: number, name: string) => {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < 0) throw new TypeError(`${name} must be a whole number, at least 0.`);
    return n;
  };
  return {
    port: whole(options.port, 0, 'port'),
    host: options.host ?? '127.0.0.1',
    clients,
    users,
    tokenLifetime: whole(options.tokenLifetime, 30 * 24 * 3600, 'tokenLifetime'),
    rateLimit: whole(options.rateLimit, 90, 'rateLimit'),
    secret: options.secret ? new TextEncoder().encode(options.secret) : randomBytes(32),
    showDemoCredentials: users.some((u) => u.email === DEMO_EMAIL && u.password === DEMO_PASSWORD),
  };
}
