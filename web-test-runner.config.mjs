// Runs the browser tests in Debian's Chromium, started as test/chromium.mjs says.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './test/chromium.mjs';

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } })],
  // A sandboxed iframe has an opaque origin, so its module scripts load with CORS.
  middleware: [
    (context, next) => {
      context.set('Access-Control-Allow-Origin', '*');
      return next();
    },
  ],
  // Tests run Lit's development build for its warnings; its banner on every page is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
};
