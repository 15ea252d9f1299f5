// Runs the browser tests in Chromium, Firefox and WebKit from Debian's packages,
// as test/launchers.mjs starts them; ENGINES=chromium (say) narrows the run.
import { createReadStream } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { forcedColorsPlugin, standinPlugin } from './test/commands.mjs';
import { reactModulesPlugin } from './test/react-modules.mjs';
import { requireBrowsers } from './test/browsers.mjs';
import { launcherFor } from './test/launchers.mjs';
import { STRICT_POLICY } from './test/strict-policy.mjs';

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    reactModulesPlugin(),
    forcedColorsPlugin(),
    standinPlugin(),
  ],
  // A missing browser stops the run here with one line, as `npm test`'s setup would have.
  browsers: requireBrowsers().map(launcherFor),
  // One page at a time: the WebDriver launcher would otherwise run tests in iframes,
  // and these tests drive the top-level page's history and address bar.
  concurrency: 1,
  // The three engines side by side: each waits on its own timers more than it uses a core.
  concurrentBrowsers: 3,
  // A sandboxed iframe has an opaque origin, so its module scripts load with CORS.
  middleware: [
    (context, next) => {
      context.set('Access-Control-Allow-Origin', '*');
      return next();
    },
    // The fixtures under strict/ and pre-scrub/strict/ get the strictest policy a page can set, as a careful site would.
    (context, next) => {
      if (/^\/test\/browser\/fixtures\/(pre-scrub\/)?strict\//.test(context.path))
        context.set('Content-Security-Policy', STRICT_POLICY);
      return next();
    },
    // A copy of the callback page's single file served without its failure view beside it, as a site that
    // copied only that one file would serve it.
    (context, next) => {
      if (context.path !== '/test/browser/fixtures/strict/alone/aniapi-callback.min.js') return next();
      context.type = 'js';
      context.body = createReadStream('dist/aniapi-callback.min.js');
    },
    // A CDN's short URL for the package, as jsDelivr serves it: the all-in-one, at an address that does not end in
    // its name, beside which a relative import lands in another npm package's name, here a hostile one.
    (context, next) => {
      if (context.path === '/test/browser/fixtures/cdn/npm/aniapi-elements@0.1.0') {
        context.type = 'js';
        context.body = createReadStream('dist/aniapi-elements.min.js');
      } else if (context.path === '/test/browser/fixtures/cdn/npm/aniapi-elements-failure-view.min.js') {
        context.type = 'js';
        context.body = 'window.hijacked = true; export {};';
      } else return next();
    },
  ],
  // Tests run Lit's development build for its warnings; its banner on every page is noise. So are the
  // console lines of the misconfigurations that tests make on purpose; the tests that check them spy on console.error.
  filterBrowserLogs: ({ args }) => !/^(Lit is in dev mode|<aniapi-)/.test(String(args[0])),
  testFramework: { config: { timeout: 10000 } },
  // Three engines start at once on a 2-core machine; under load a first page took over the default 30 s.
  browserStartTimeout: 120_000,
};
