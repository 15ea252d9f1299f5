// Times the callback page in Chromium, Firefox ESR and WebKitGTK, each driven
// as the end-to-end tests drive it, against the bench pages (bench/pages/)
// under the strict test policy and the stand-in. Each run is a real login: the
// button page starts it, the state comes from the authorize URL the browser
// went to, and the callback page gets a token the stand-in issued. Two callback
// pages: the single file alone (render-blocking, as the strict test page has
// it), and the same behind the pre-scrub. The table gives medians (min–max), in
// ms from navigation start, of the fragment leaving the URL, the first paint
// where the engine reports paint timing, and aniapi-token.
//
// It reports and never judges: timings on a shared machine vary. A run that
// fails is tried once more; an engine that cannot start, or a run that fails
// twice, prints "failed: <reason>" in its rows and the bench goes on. RUNS
// (default 15) sets the runs per engine and page, ENGINES narrows the engines.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startSite } from '../demo/server/demo-server.mjs';
import { launchChromium } from '../test/e2e/browser.mjs';
import { STRICT_POLICY } from '../test/e2e/strict-server.mjs';
import { FIREFOX, WEBKIT_CAPABILITIES, chosenEngines, startWebKitDriver } from '../test/launchers.mjs';

// The shipped files the bench pages load (bench/pages/ names them), in dist/: a page whose files are not built fails.
const LOGIN_FILE = 'aniapi-login.min.js';
const CALLBACK_FILE = 'aniapi-callback.min.js';
const SCRUB_FILE = 'aniapi-scrub.js';

const RUNS = Number(process.env.RUNS ?? 15);
// Generous, for a slow or loaded machine: an engine's first start and page, then any later step.
const FIRST_MS = 120_000;
const STEP_MS = 60_000;
// How long a run waits for a paint entry after aniapi-token before it says the engine reports none.
const PAINT_MS = 5_000;

const VARIANTS = [
  { name: 'without the pre-scrub', page: 'callback.html', files: [LOGIN_FILE, CALLBACK_FILE] },
  { name: 'with the pre-scrub', page: 'callback-scrub.html', files: [LOGIN_FILE, SCRUB_FILE, CALLBACK_FILE] },
];

const dist = new URL('../dist/', import.meta.url);
const oneLine = (error) =>
  String(error?.message ?? error)
    .split('\n')[0]
    .slice(0, 200);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` once `ms` have passed: no driver call may hang the bench. */
function within(ms, what, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns something truthy; errors in between (a page being replaced) count as not yet. */
async function until(ms, what, probe) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await within(ms, what, probe());
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s${last ? ` (${oneLine(last)})` : ''}`);
    await sleep(50);
  }
}

// Each engine: start() resolves to { version, tab(), close() }; a tab is a fresh
// browsing context with goto(url, ms), url() and evaluate(fn, arg), and close().

/** A tab in a fresh browser context of playwright or puppeteer, whose pages answer these few calls alike. */
async function contextTab(context) {
  const page = await context.newPage();
  return {
    goto: (url, ms) => page.goto(url, { timeout: ms, waitUntil: 'load' }),
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    close: () => context.close(),
  };
}

async function chromium() {
  const browser = await launchChromium();
  return {
    version: `Chromium ${browser.version()}`,
    tab: async () => contextTab(await browser.newContext()),
    close: () => browser.close(),
  };
}

async function firefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    timeout: FIRST_MS,
    protocolTimeout: FIRST_MS,
  });
  return {
    version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
    tab: async () => contextTab(await browser.createBrowserContext()),
    close: () => browser.close(),
  };
}

async function webkit() {
  const driver = await startWebKitDriver();
  try {
    const browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      connectionRetryTimeout: FIRST_MS,
      capabilities: WEBKIT_CAPABILITIES,
    });
    let pageLoad;
    return {
      version: `WebKitGTK ${browser.capabilities.browserVersion} (MiniBrowser)`,
      async tab() {
        // A new tab for each run, for a fresh sessionStorage; the old one is closed.
        const old = await browser.getWindowHandle();
        const { handle } = await browser.createWindow('tab');
        await browser.closeWindow();
        await browser.switchToWindow(handle);
        if (old === handle) throw new Error('no new tab');
        return {
          async goto(url, ms) {
            if (pageLoad !== ms) await browser.setTimeout({ pageLoad: (pageLoad = ms), script: ms });
            await browser.url(url);
          },
          url: () => browser.getUrl(),
          evaluate: (fn, arg) => browser.execute(fn, arg),
          close: async () => {},
        };
      },
      close: async () => {
        try {
          await within(15_000, 'closing WebKit', browser.deleteSession());
        } finally {
          driver.stop();
        }
      },
    };
  } catch (error) {
    driver.stop();
    throw error;
  }
}

const ENGINES = { chromium, firefox, webkit };
const LABELS = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/**
 * What the callback page noted (bench/pages/instrument.js), once it heard
 * aniapi-token or aniapi-error, and when its HTML had arrived: the part of the
 * times that no script of the page can change.
 */
const NOTED = () =>
  window.bench?.token !== undefined || window.bench?.error !== undefined
    ? { ...window.bench, html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null }
    : null;

const PAINT_NAMES = { 'first-paint': 'FP', 'first-contentful-paint': 'FCP' };

/** The first paint entry: first-paint where the engine has it, else first-contentful-paint. */
const FIRST_PAINT = () => {
  const entries = performance.getEntriesByType('paint');
  const entry =
    entries.find((e) => e.name === 'first-paint') ?? entries.find((e) => e.name === 'first-contentful-paint');
  return entry ? { name: entry.name, at: entry.startTime } : null;
};

/** One login through to the callback page `variant.page`; resolves to its times in ms from navigation start. */
async function login(site, engine, variant, ms) {
  const opening = engine.tab();
  const tab = await within(ms, 'opening a tab', opening).catch((error) => {
    // Closed whenever it opens after all, so that it does not linger.
    opening.then((late) => late.close()).catch(() => {});
    throw error;
  });
  try {
    await within(ms + 5_000, 'the button page', tab.goto(`${site.url}/login.html`, ms));
    await until(ms, 'the button', () =>
      tab.evaluate(
        () =>
          Boolean(document.querySelector('aniapi-login')?.shadowRoot?.querySelector('button')) &&
          Boolean(document.querySelector('aniapi-login').authorizeUrl),
      ),
    );
    // Clicked from a timer, so that the evaluation returns before the page leaves.
    await tab.evaluate(() => {
      setTimeout(() => document.querySelector('aniapi-login').shadowRoot.querySelector('button').click());
    });
    const authorize = await until(ms, 'the navigation to the authorize URL', async () => {
      const url = await tab.url();
      return url.startsWith(`${site.standin.url}/v1/oauth?`) && url;
    });
    const state = new URL(authorize).searchParams.get('state');
    const token = await site.standin.issueToken(1);
    await within(
      ms + 5_000,
      'the callback page',
      tab.goto(`${site.url}/${variant.page}#access_token=${token}&state=${state}`, ms),
    );
    const noted = await until(ms, 'aniapi-token', () => tab.evaluate(NOTED));
    if (noted.error !== undefined) throw new Error(`the callback page heard aniapi-error ${noted.error}`);
    const paint = await until(PAINT_MS, 'a paint entry', () => tab.evaluate(FIRST_PAINT)).catch(() => null);
    return {
      scrubbed: noted.scrubbed ?? null,
      // The fragment went without replaceState, or never: then there is no time to give.
      unscrubbed: noted.scrubbed === undefined && noted.fragmentAtToken !== false,
      token: noted.token,
      html: noted.html ?? null,
      paint: paint?.at ?? null,
      paintName: paint?.name ?? null,
    };
  } finally {
    await within(15_000, 'closing the tab', tab.close()).catch(() => {});
  }
}

/** Times one engine; resolves to a row per variant: its runs, or why it failed. */
async function timeEngine(site, key) {
  const rows = VARIANTS.map((variant) => {
    const missing = variant.files.filter((file) => !existsSync(new URL(file, dist)));
    return { variant, runs: [], failed: missing.length ? `dist/${missing.join(', dist/')} is not built` : null };
  });
  let engine;
  try {
    const starting = ENGINES[key]();
    engine = await within(FIRST_MS, `starting ${LABELS[key]}`, starting).catch((error) => {
      starting.then((late) => late.close()).catch(() => {});
      throw error;
    });
  } catch (error) {
    for (const row of rows) row.failed ??= `could not start: ${oneLine(error)}`;
    return { version: LABELS[key], rows };
  }
  try {
    // Run 0 warms the engine up (its first pages may be slow) and is not counted.
    // The variants alternate who goes first, so that drift in the machine's load falls on both.
    for (let run = 0; run <= RUNS; run++) {
      const order = run % 2 ? [...rows].reverse() : rows;
      for (const row of order) {
        if (row.failed) continue;
        let times;
        for (let attempt = 1; !times && attempt <= 2; attempt++) {
          try {
            times = await login(site, engine, row.variant, run === 0 ? FIRST_MS : STEP_MS);
          } catch (error) {
            if (attempt === 2) row.failed = `run ${run} failed twice: ${oneLine(error)}`;
          }
        }
        if (times && run > 0) row.runs.push(times);
      }
    }
  } finally {
    await within(30_000, `closing ${LABELS[key]}`, engine.close()).catch(() => {});
  }
  return { version: engine.version, rows };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** "median (min–max)" of the values, or `none` when there are none. */
function spread(values, none) {
  if (!values.length) return none;
  const fixed = (value) => value.toFixed(1);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}

function tableRow(engine, row) {
  const head = `| ${engine} | ${row.variant.name}`;
  if (row.failed && !row.runs.length) return `${head} | failed: ${row.failed} | | | | | |`;
  const { runs } = row;
  const scrubbed = runs.filter((run) => run.scrubbed !== null).map((run) => run.scrubbed);
  const painted = runs.filter((run) => run.paint !== null);
  const unscrubbed = runs.filter((run) => run.unscrubbed).length;
  const names = [...new Set(painted.map((run) => PAINT_NAMES[run.paintName]))].join(', ');
  const before = painted.filter((run) => run.scrubbed !== null && run.scrubbed < run.paint).length;
  const html = runs.filter((run) => run.html !== null).map((run) => run.html);
  const cells = [
    `${runs.length}${row.failed ? ` (then failed: ${row.failed})` : ''}`,
    spread(html, 'not reported'),
    spread(scrubbed, 'not seen') + (unscrubbed ? `; not seen in ${unscrubbed}` : ''),
    painted.length
      ? `${spread(
          painted.map((run) => run.paint),
          '',
        )} ${names}`
      : 'not reported',
    spread(
      runs.map((run) => run.token),
      'none',
    ),
    painted.length ? `${before} of ${painted.length}` : '—',
  ];
  return `${head} | ${cells.join(' | ')} |`;
}

const engines = chosenEngines();
const results = [];
let site;
try {
  site = await startSite({ root: fileURLToPath(new URL('pages', import.meta.url)), policy: () => STRICT_POLICY });
  for (const key of engines) results.push(await timeEngine(site, key));
} catch (error) {
  // Only the site itself can get here: every engine's rows say why.
  for (const key of engines.slice(results.length)) {
    const rows = VARIANTS.map((variant) => ({ variant, runs: [], failed: `no site: ${oneLine(error)}` }));
    results.push({ version: LABELS[key], rows });
  }
} finally {
  await site?.close().catch(() => {});
}

console.log(`\nCallback page timing: ${RUNS} runs per engine and page, ms from navigation start, median (min–max)\n`);
console.log(
  '| engine | callback page | runs | → HTML received | → fragment leaves the URL | → first paint | → aniapi-token | scrubbed before first paint |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const { version, rows } of results) for (const row of rows) console.log(tableRow(version, row));
console.log(
  [
    '',
    '- HTML received: the navigation entry\'s responseEnd. First paint: the "first-paint" entry (FP), or',
    '  "first-contentful-paint" (FCP) where the engine has only that; "not reported" where it has neither.',
    `- Run 0 of each engine and page warms up and is not counted; a failed run is tried once more.`,
    '- Each run is a fresh browsing context: a new context in Chromium and Firefox, a new tab in WebKit',
    '  (which keeps the HTTP cache). The pages are bench/pages/, served from localhost under the strict test policy.',
  ].join('\n'),
);
// A driver call that never answered may hold the event loop open: the tables are out, so leave anyway.
setTimeout(() => process.exit(0), 10_000).unref();
