// The test pages in test/e2e/pages under the strictest policy a page can set.
import { fileURLToPath } from 'node:url';
import { startSite } from '../../demo/server/demo-server.mjs';
import { STRICT_POLICY } from '../strict-policy.mjs';

export { STRICT_POLICY };

export function startStrictSite() {
  return startSite({ root: fileURLToPath(new URL('pages', import.meta.url)), policy: () => STRICT_POLICY });
}
