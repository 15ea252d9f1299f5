// Runs the browser tests in Chromium, Firefox and WebKit from Debian's packages,
// as test/launchers.mjs starts them; ENGINES=chromium (say) narrows the run.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { forcedColorsPlugin } from './test/commands.mjs';
import { requireBrowsers } from './test/browsers.mjs';
import { launcherFor } from './test/launchers.mjs';
import { STRICT_POLICY } from './test/strict-policy.mjs';

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), forcedColorsPlugin()],
  // A missing browser stops the run here with one line, as `npm test`'s setup would have.
  browsers: requireBrowsers().map(launcherFor),
  // One page at a time: the WebDriver launcher would otherwise run tests in iframes,
  // and these tests drive the top-level page's history and address bar.
  concurrency: 1,
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
  ],
  // Tests run Lit's development build for its warnings; its banner on every page is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  // Three engines start at once on a 2-core machine; under load a first page took over the default 30 s.
  browserStartTimeout: 120_000,
};
