// demo/frameworks/next, a Next.js App Router app, as its production server (next start)
// serves it, against the stand-in: the page is rendered on the server with the React
// components of aniapi-elements/react, and must hydrate in Chromium with no console error
// or warning, signed out and signed in; the components' properties must be set and their
// event props heard (a login the app holds, then a real one, the user's card, a logout).
// The callback is a static page outside the app, public/callback.html: its pre-scrub must
// run before every other script of the page, over 10 sign-ins, and no Next.js script may
// run there at all. No token may reach the Next.js server's log.
// npm run test:apps installs, checks and builds the app, then runs this; APPS=next narrows it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { PROJECT_DIRS } from '../../scripts/apps.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD, demoClient, startStandin } from '../../dist/standin/index.js';
import { launchChromium } from '../e2e/browser.mjs';
import { freePort } from '../launchers.mjs';

const dir = PROJECT_DIRS.next;
// The pre-scrub as the package ships it: the app must serve this file, byte for byte.
const preScrub = readFileSync(new URL('../../dist/aniapi-scrub.js', import.meta.url));

describe('the Next.js app', { skip: dir ? false : 'APPS leaves it out' }, () => {
  let browser;
  let standin;
  let server;
  let url;
  before(async () => {
    assert.ok(existsSync(`${dir}.next/BUILD_ID`), 'demo/frameworks/next is not built: run npm run test:apps');
    const port = await freePort();
    url = `http://localhost:${port}`;
    standin = await startStandin({ clients: [demoClient(`${url}/callback.html`)] });
    server = await startNext(port, {
      ANIAPI_CLIENT_ID: demoClient().id,
      ANIAPI_REDIRECT_URI: `${url}/callback.html`,
      ANIAPI_AUTHORIZE_URL: `${standin.url}/v1/oauth`,
      ANIAPI_API_BASE: standin.url,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await standin?.close();
  });

  test('serves the callback as a static page: the pre-scrub first, no Next.js script, no referrer', async () => {
    const response = await fetch(`${url}/callback.html`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [
      '<script src="/aniapi-scrub.js">',
      '<script type="module" src="/aniapi/aniapi-callback.min.js">',
    ]);
    assert.ok(html.match(/<head>([\s\S]*?)<\/head>/)?.[1].includes(scripts[0]), 'the pre-scrub is in the head');
    assert.ok(!html.includes('/_next/'), 'the callback page loads nothing of Next.js');
    const scrub = await fetch(`${url}/aniapi-scrub.js`);
    assert.match(scrub.headers.get('content-type') ?? '', /^(text|application)\/javascript\b/);
    assert.ok(Buffer.from(await scrub.arrayBuffer()).equals(preScrub), 'aniapi-scrub.js differs from dist/');
  });

  test('renders the components on the server as bare tags: their properties are never attributes', async () => {
    const html = await (await fetch(`${url}/`)).text();
    for (const tag of ['aniapi-login', 'aniapi-user']) {
      const element = html.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0];
      assert.equal(element, `<${tag} defer-hydration="">`, `${tag} as the server rendered it`);
    }
    // What the issue saw: camelCase props written out as lower-case attributes.
    assert.doesNotMatch(html, /\b(clientid|redirecturi|authorizeurl|apibase)=/i);
  });

  test('hydrates with no console problem, hears its event props, signs in and out through the components', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${url}/`);
    const session = page.locator('[data-test=session]');
    await session.filter({ hasText: /^signed out$/ }).waitFor();
    const button = page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' });
    // Hydrated: the component has set the element's properties.
    await page.waitForFunction(() => document.querySelector('aniapi-login')?.clientId);
    await page.locator('aniapi-user').getByText('Not signed in.').waitFor();

    // The app's onAniapiLogin cancels the redirect while "Hold the login" is checked.
    await page.locator('[data-test=hold]').check();
    await button.click();
    await page.locator('[data-test=notice]').filter({ hasText: 'Login held by the app' }).waitFor();
    assert.equal(page.url(), `${url}/`);
    assert.deepEqual(await eventsHeard(page), ['aniapi-login']);
    await page.locator('[data-test=hold]').uncheck();

    const token = await signIn(page, button);
    // Back on / in a new document: the server rendered it signed out, the browser knows better.
    await session.filter({ hasText: /^signed in$/ }).waitFor();
    await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    await assertEventually(async () => (await eventsHeard(page)).includes('aniapi-user'), 'onAniapiUser heard');
    // The login element sets signed-in once hydrated, and the page's [signed-in] rule hides it.
    await assertEventually(() => page.locator('aniapi-login[signed-in]').isHidden(), 'aniapi-login[signed-in] hidden');
    assert.equal(await page.locator('aniapi-login').getAttribute('defer-hydration'), null);

    await page.locator('[data-test=logout]').click();
    await session.filter({ hasText: /^signed out$/ }).waitFor();
    await assertEventually(async () => (await eventsHeard(page)).includes('aniapi-logout'), 'onAniapiLogout heard');
    await assertEventually(() => button.isVisible(), 'the login button is back after logout');
    assert.deepEqual(problems, []);
    assert.ok(!server.log().includes(token), "the token is in the Next.js server's log");
    await context.close();
  });

  test('runs the pre-scrub before every other script of the callback page, over 10 sign-ins', async () => {
    const context = await browser.newContext();
    // Each script of the site, as it starts running, says whether the response is still in the address bar.
    const ran = [];
    await context.exposeFunction('scriptStarted', (document, script, responseInAddress) => {
      ran.push({ document, script, responseInAddress });
    });
    await context.route(`${url}/**`, async (route) => {
      const request = route.request();
      if (request.resourceType() !== 'script') return route.fallback();
      const response = await route.fetch();
      const script = new URL(request.url()).pathname;
      const probe = `window.scriptStarted(location.pathname, ${JSON.stringify(script)}, location.hash.includes('access_token='));\n`;
      await route.fulfill({ response, body: probe + (await response.text()) });
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    const tokens = [];
    for (let load = 1; load <= 10; load++) {
      ran.length = 0;
      await page.goto(`${url}/`);
      await page.waitForFunction(() => document.querySelector('aniapi-login')?.clientId);
      tokens.push(await signIn(page, page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' })));
      await page
        .locator('[data-test=session]')
        .filter({ hasText: /^signed in$/ })
        .waitFor();
      const callback = ran.filter((entry) => entry.document === '/callback.html');
      assert.deepEqual(
        callback.map(({ script, responseInAddress }) => [script, responseInAddress]),
        [
          // The pre-scrub finds the response, and every script after it does not.
          ['/aniapi-scrub.js', true],
          ['/aniapi/aniapi-callback.min.js', false],
        ],
        `sign-in ${load}: the scripts of the callback page`,
      );
      await page.locator('[data-test=logout]').click();
      await page
        .locator('[data-test=session]')
        .filter({ hasText: /^signed out$/ })
        .waitFor();
    }
    // Each of the ten sign-ins followed a logout and found a token in the store (signIn() holds it); two of them may
    // have the same token: like AniAPI's, the stand-in's token for a user is the same within one second.
    assert.deepEqual(problems, []);
    for (const token of tokens) assert.ok(!server.log().includes(token), "a token is in the Next.js server's log");
    // A script of the last page may still be on its way through the route: let it finish before the context goes,
    // or its read of a closed context's response fails after the test has ended.
    await context.unrouteAll({ behavior: 'wait' });
    await context.close();
  });
});

/** Starts `next start` on the port with the app's configuration, and resolves once it answers. */
async function startNext(port, env) {
  let log = '';
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: dir,
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    const answered = await fetch(`http://127.0.0.1:${port}/callback.html`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (Date.now() > until) throw new Error(`next start did not answer within 60 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs in as the stand-in's demo user from the page's login button; resolves to the token kept. */
async function signIn(page, button) {
  const standinPage = page.waitForURL(/\/v1\/oauth\?/);
  await button.click();
  await standinPage;
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Login' }).click();
  // The callback page's auto-return loads / afresh.
  await page.waitForURL((address) => address.pathname === '/' && !address.hash);
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('aniapi-elements.token'))?.accessToken);
  assert.ok(token, 'the callback page kept a token');
  return token;
}

/** Console errors and warnings, and uncaught exceptions, of every document the page shows. */
function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()} on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`));
  return problems;
}

async function eventsHeard(page) {
  return (await page.locator('[data-test=events] li').allTextContents()).map((item) => item.trim());
}

async function assertEventually(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
