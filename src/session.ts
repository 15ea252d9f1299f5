/**
 * The session: the one owner of the access token. Framework code uses this
 * module directly; the elements fire their `aniapi-token` and `aniapi-logout`
 * events through it. Importing it registers no element; two copies of the
 * package in one page share one session.
 *
 * @module
 */
export { getSession, getToken, logout, onChange, setToken } from './token/token-store.js';
export type {
  LogoutReason,
  Session,
  SessionChangeReason,
  SessionListener,
  SetTokenOptions,
  TokenStore,
} from './token/token-store.js';
