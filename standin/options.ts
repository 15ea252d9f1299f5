import { randomBytes } from 'node:crypto';
import type { StandinClient, StandinUser } from './registry.js';
import { Registry } from './registry.js';

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
  /** Milliseconds every answer waits, 0 (the default) to `MAX_ANSWER_DELAY`, for testing an app against a slow AniAPI. */
  delay?: number;
}

/** The longest `delay`, one minute: longer than any client's timeout, short enough that a typo cannot hang a test run. */
export const MAX_ANSWER_DELAY = 60_000;

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
  /** The clients and users, each checked as `addClient()` and `addUser()` check theirs. */
  registry: Registry;
  tokenLifetime: number;
  rateLimit: number;
  secret: Uint8Array;
  delay: number;
}

/** `value`, if it is a whole number from 0 to `max`. */
export function checkWhole(value: number, name: string, max = Infinity): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    const range = max === Infinity ? 'at least 0' : `from 0 to ${max}`;
    throw new TypeError(`${name} must be a whole number, ${range}.`);
  }
  return value;
}

export function settle(options: StandinOptions): Settings {
  return {
    port: checkWhole(options.port ?? 0, 'port'),
    host: options.host ?? '127.0.0.1',
    registry: new Registry(options.clients ?? [demoClient()], options.users ?? [demoUser()]),
    tokenLifetime: checkWhole(options.tokenLifetime ?? 30 * 24 * 3600, 'tokenLifetime'),
    rateLimit: checkWhole(options.rateLimit ?? 90, 'rateLimit'),
    secret: options.secret ? new TextEncoder().encode(options.secret) : randomBytes(32),
    delay: checkWhole(options.delay ?? 0, 'delay', MAX_ANSWER_DELAY),
  };
}
