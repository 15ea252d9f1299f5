// test/fresh-vite/ is a newcomer's page: a Vite vanilla-TypeScript project as
// `npm create vite` makes one, with the package installed from its tarball. npm run
// test:apps type-checks it with skipLibCheck off (so an error in the package's .d.ts
// fails) and builds it; this checks what the build made, then signs in through it in
// Chromium against the stand-in, as a person would, and signs out.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startSite } from '../../demo/server/demo-server.mjs';
import { PROJECT_DIRS } from '../../scripts/apps.mjs';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../dist/standin/index.js';
import { launchChromium } from '../e2e/browser.mjs';

const dir = PROJECT_DIRS['fresh-vite'];
const dist = `${dir}dist/`;

// The page's own scripts and styles only: Vite writes no inline script or style.
const policy = (standinUrl) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${standinUrl}; base-uri 'none'`;

describe('the fresh Vite page', { skip: dir ? false : 'APPS leaves it out' }, () => {
  test("type-checks the package's typings: its tsconfig keeps skipLibCheck off", () => {
    const { compilerOptions } = JSON.parse(readFileSync(`${dir}tsconfig.json`, 'utf8'));
    assert.equal(compilerOptions.skipLibCheck, false);
    assert.equal(compilerOptions.strict, true);
    assert.equal(compilerOptions.moduleResolution, 'bundler');
  });

  test('built both pages, their bundles defining the elements', () => {
    assert.ok(existsSync(`${dist}index.html`), 'test/fresh-vite is not built: run npm run test:apps');
    assert.ok(existsSync(`${dist}callback.html`));
    const bundles = readdirSync(`${dist}assets/`)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(`${dist}assets/${name}`, 'utf8'));
    for (const tag of ['aniapi-login', 'aniapi-callback']) {
      // As a string of its own, in any quotes the minifier picked: not a CSS property's prefix.
      const named = new RegExp(`["'\`]${tag}["'\`]`);
      assert.ok(
        bundles.some((code) => named.test(code)),
        `no bundle names ${tag}`,
      );
    }
    // Nothing of the stand-in, which is for Node only, reached the browser's bundles.
    assert.ok(!bundles.some((code) => code.includes('node:http')));
  });

  test("the callback page loads the package's pre-scrub first, byte for byte", () => {
    const html = readFileSync(`${dist}callback.html`, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    assert.equal(html.match(/<script\b[^>]*>/)?.[0], '<script src="/aniapi-scrub.js">');
    const shipped = readFileSync(new URL('../../dist/aniapi-scrub.js', import.meta.url));
    assert.ok(readFileSync(`${dist}aniapi-scrub.js`).equals(shipped));
  });

  describe('in Chromium', () => {
    let browser;
    let site;
    before(async () => {
      browser = await launchChromium();
      site = await startSite({ root: dist, policy, callbackPath: '/callback.html' });
    });
    after(async () => {
      await site?.close();
      await browser?.close();
    });

    test('signs in through the stand-in, back on the page it started from, and signs out', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

      await page.goto(`${site.url}/`);
      const session = page.locator('#session');
      await session.filter({ hasText: /^signed out$/ }).waitFor();
      const button = page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' });
      // Enabled once main.ts has set the properties from the config.
      await page.waitForFunction(() => document.querySelector('aniapi-login')?.clientId);
      await button.click();
      await page.waitForURL(`${site.standin.url}/v1/oauth?**`);
      await page.getByLabel('Email').fill(DEMO_EMAIL);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Login' }).click();
      // <aniapi-callback auto-return> on /callback.html takes the token and goes back to /.
      await page.waitForURL(`${site.url}/`);
      await session.filter({ hasText: /^signed in$/ }).waitFor();
      assert.ok(
        await page.evaluate(() => JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null),
      );

      await page.locator('#logout').click();
      await session.filter({ hasText: /^signed out$/ }).waitFor();
      await page
        .locator('#events li')
        .filter({ hasText: /^session logout$/ })
        .waitFor();
      assert.equal(
        await page.evaluate(() => JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken ?? null),
        null,
      );
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
});
