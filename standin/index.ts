/**
 * The local AniAPI stand-in, for Node: `startStandin(options)` runs an OAuth
 * server that behaves as AniAPI's, for demos and end-to-end tests.
 * @module
 */
export { startStandin } from './server.js';
export type { Standin } from './server.js';
export type { SignedInStore } from './signed-in-script.js';
export {
  DEMO_CLIENT_ID,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_REDIRECT_URI,
  MAX_ANSWER_DELAY,
  demoClient,
  demoUser,
} from './options.js';
export type { StandinOptions } from './options.js';
export type { NewStandinClient, NewStandinUser, StandinClient, StandinUser } from './registry.js';
export type { StandinRequest } from './request-log.js';
