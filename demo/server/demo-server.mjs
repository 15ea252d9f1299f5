// Serves the demo pages and the built package on one origin, with the local
// AniAPI stand-in on another, as a real app and AniAPI would be.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { demoClient, startStandin } from '../../dist/standin/index.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// The pages load only their own origin's scripts, and no Trusted Types policy at all: the elements need none.
const contentSecurityPolicy = (standinUrl) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${standinUrl}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

/**
 * Starts the demo and its stand-in. Ports 0 pick free ones (tests); `standin`
 * passes extra options to the stand-in, such as a token lifetime.
 */
export function startDemo({ port = 8000, standinPort = 8765, standin = {} } = {}) {
  return startSite({ root: here('..'), policy: contentSecurityPolicy, port, standinPort, standin });
}

/**
 * Serves the pages in `root` and the built package under /dist/ with
 * `policy(standinUrl)` as their Content Security Policy, beside a stand-in
 * whose client redirects to `callbackPath` here. `/config.json` tells the
 * pages the client id, the redirect URI, the authorize URL and the API base.
 * With `spa`, every unknown path gets `index.html`, as a single-page app's host does.
 */
export async function startSite({
  root,
  policy,
  port = 0,
  standinPort = 0,
  standin: standinOptions = {},
  callbackPath = '/callback.html',
  spa = false,
}) {
  const pages = sirv(root, { dev: true, extensions: ['html'], single: spa });
  const dist = sirv(here('../../dist'), { dev: true });
  let config = null;

  const server = createServer((req, res) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', policy(config?.apiBase ?? ''));
    const notFound = () => {
      res.statusCode = 404;
      res.end('Not found');
    };
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    if (path === '/config.json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(config));
    } else if (path.startsWith('/dist/')) {
      req.url = req.url.slice('/dist'.length);
      dist(req, res, notFound);
    } else if (path.startsWith('/server/')) {
      // The demo's own server code is not for the browser.
      notFound();
    } else {
      pages(req, res, notFound);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://localhost:${server.address().port}`;
  const redirectUri = `${url}${callbackPath}`;
  const standin = await startStandin({ port: standinPort, clients: [demoClient(redirectUri)], ...standinOptions });
  config = { clientId: demoClient().id, redirectUri, authorizeUrl: `${standin.url}/v1/oauth`, apiBase: standin.url };

  return {
    url,
    standin,
    close: async () => {
      await standin.close();
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}
