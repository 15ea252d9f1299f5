// The test pages in test/e2e/pages under the strictest policy a page can set.
import { fileURLToPath } from 'node:url';
import { startSite } from '../../demo/server/demo-server.mjs';

export const STRICT_POLICY =
  "default-src 'self'; script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";

export function startStrictSite() {
  return startSite({ root: fileURLToPath(new URL('pages', import.meta.url)), policy: () => STRICT_POLICY });
}
