// Drives Debian's Chromium with playwright-core, started as test/chromium.mjs says.
import { after, before, beforeEach } from 'node:test';
import { chromium } from 'playwright-core';
import { startDemo } from '../../demo/server/demo-server.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { requireBrowsers } from '../browsers.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

// Without Chromium, each file that drives it stops with one line rather than a stack trace per test.
requireBrowsers(['chromium']);

/**
 * Launches Chromium; `backForwardCache` keeps the cache and `popupBlocking` the
 * popup blocker, both of which playwright turns off by default.
 */
export function launchChromium({ backForwardCache = false, popupBlocking = false } = {}) {
  const kept = [];
  if (backForwardCache) kept.push('--disable-back-forward-cache');
  if (popupBlocking) kept.push('--disable-popup-blocking');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ignoreDefaultArgs: kept,
  });
}

/** Records every request a browser context makes; `seen()` resolves to their URLs and Referers (null when none). */
export function recordRequests(context) {
  const requests = [];
  context.on('request', (request) => {
    const url = request.url();
    requests.push(
      request.allHeaders().then(
        (headers) => ({ url, referer: headers.referer || null }),
        () => ({ url, referer: null }),
      ),
    );
  });
  return { seen: () => Promise.all(requests) };
}

/**
 * Runs a test file against the demo: Chromium and the demo with its stand-in
 * for the whole file, and a fresh browser context for each test. The tests
 * read `browser`, `demo` and `context` from the object returned. `launch` takes
 * launchChromium()'s options.
 */
export function withDemo(launch = {}) {
  const run = { browser: null, demo: null, context: null };
  before(async () => {
    run.browser = await launchChromium(launch);
    run.demo = await startDemo({ port: 0, standinPort: 0 });
  });
  after(async () => {
    await run.browser?.close();
    await run.demo?.close();
  });
  beforeEach(async () => {
    await run.context?.close();
    run.context = await run.browser.newContext();
  });
  return run;
}

/** Signs in on the stand-in's login page, with the demo account's password unless told another. */
export async function signIn(page, password = DEMO_PASSWORD) {
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
}

/** The storage key of the session; its value is the package's record, whose `accessToken` the tests compare. */
export const TOKEN_KEY = 'aniapi-elements.token';

/** The page's sessionStorage and localStorage, the session's record read down to its token (absent when none). */
export function storage(page) {
  return page.evaluate((key) => {
    const read = (area) => {
      const items = { ...area };
      if (key in items) items[key] = JSON.parse(items[key]).accessToken;
      return items;
    };
    return { session: read(sessionStorage), local: read(localStorage) };
  }, TOKEN_KEY);
}
