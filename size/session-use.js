// The session as an app that only needs the token uses it; the rest of ./session is shaken off.
export { getToken, onChange, logout } from '../dist/session.js';
