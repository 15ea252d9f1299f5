/**
 * A page that starts signed in: the script that puts a session where
 * `<aniapi-callback store>` would have put it, for Playwright's
 * `page.addInitScript()` or a `<script>`.
 */
import { randomUUID } from 'node:crypto';

/** Where the script keeps the session: the stores a callback page can choose, but memory. */
export type SignedInStore = 'session' | 'local';

// The package's own storage format (src/token/token-store.ts): its JSON record under this key. The stand-in ships
// in the same package, so the two change together; the browser tests of signedInScript() hold them to each other.
const TOKEN_KEY = 'aniapi-elements.token';

/**
 * The script for `token`, issued by the stand-in at `issuer` (its origin, which the
 * token may then be sent to). It writes only in a top-level page of another
 * origin than the stand-in's, and once per tab or origin: it
 * leaves a session that is there alone, and the record it writes carries one id,
 * so that after a logout the package refuses a copy written again by a later load.
 */
export function signedInScript(token: string, issuer: string, store: SignedInStore = 'session'): string {
  if (store !== 'session' && store !== 'local') throw new TypeError('store must be session or local.');
  const record = JSON.stringify({ accessToken: token, issuer: new URL(issuer).origin, id: `standin.${randomUUID()}` });
  const area = store === 'local' ? 'localStorage' : 'sessionStorage';
  // Only the app's own pages: not a frame (a third party's, say) and not the stand-in's own login page.
  return `(() => {
  if (window !== window.top || location.origin === ${JSON.stringify(new URL(issuer).origin)}) return;
  try {
    if (${area}.getItem(${JSON.stringify(TOKEN_KEY)}) === null)
      ${area}.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(record)});
  } catch {
    // A page where storage is blocked (an opaque origin, a sandboxed frame) simply starts signed out.
  }
})();
`;
}
