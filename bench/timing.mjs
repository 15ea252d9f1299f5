// Times the elements in Debian's Chromium against the strict test site and the
// stand-in, RUNS times each, and prints medians (ms):
// - on the callback page, from navigation start to the fragment leaving the
//   address bar, to the aniapi-token event, and to the first paint, checking in
//   every run that the scrub comes before the first paint;
// - on the login page, from the click to the start of the navigation to AniAPI.
import { launchChromium } from '../test/e2e/browser.mjs';
import { startStrictSite } from '../test/e2e/strict-server.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const site = await startStrictSite();
const browser = await launchChromium();
try {
  const callback = { scrubbed: [], token: [], firstPaint: [] };
  const click = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    // Instrumentation only: note when the URL loses its fragment and when the token event comes.
    await context.addInitScript(() => {
      const replaceState = History.prototype.replaceState;
      History.prototype.replaceState = function (state, unused, url) {
        if (window.scrubbedAt === undefined && url !== undefined && !String(url).includes('#'))
          window.scrubbedAt = performance.now();
        return replaceState.call(this, state, unused, url);
      };
      document.addEventListener('aniapi-token', () => (window.tokenAt ??= performance.now()));
    });
    const page = await context.newPage();

    await page.goto(`${site.url}/login.html`);
    await page.locator('aniapi-login').getByRole('button').waitFor();
    const clickedAt = await page.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      document.querySelector('aniapi-login').shadowRoot.querySelector('button').click();
      return at;
    });
    await page.waitForURL(`${site.standin.url}/v1/oauth?**`);
    click.push((await page.evaluate(() => performance.timeOrigin)) - clickedAt);
    const state = new URL(page.url()).searchParams.get('state');

    const token = await site.standin.issueToken(1);
    await page.goto(`${site.url}/callback.html#access_token=${token}&state=${state}`);
    await page.waitForFunction(
      () => window.tokenAt !== undefined && performance.getEntriesByName('first-paint').length > 0,
    );
    const times = await page.evaluate(() => ({
      scrubbed: window.scrubbedAt,
      token: window.tokenAt,
      firstPaint: performance.getEntriesByName('first-paint')[0].startTime,
    }));
    if (!(times.scrubbed < times.firstPaint))
      throw new Error(`run ${run}: the fragment was still in the URL at the first paint: ${JSON.stringify(times)}`);
    for (const key of Object.keys(callback)) callback[key].push(times[key]);
    await context.close();
  }

  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`\nChromium ${browser.version()}, ${RUNS} runs, medians\n`);
  console.log('| measure | median |');
  console.log('|---|---:|');
  console.log(`| callback: navigation start → fragment scrubbed | ${ms(median(callback.scrubbed))} |`);
  console.log(`| callback: navigation start → first paint | ${ms(median(callback.firstPaint))} |`);
  console.log(`| callback: navigation start → aniapi-token | ${ms(median(callback.token))} |`);
  console.log(`| login: click → navigation to AniAPI starts | ${ms(median(click))} |`);
  console.log(`\nThe fragment was scrubbed before the first paint in all ${RUNS} runs.`);
} finally {
  await browser.close();
  await site.close();
}
