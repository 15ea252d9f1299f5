// Security round 3, points 1 and 2, as the attack was made: a cross-site navigation swaps the tab's browsing-context
// group and copies sessionStorage; Back restores the older copy. A logout, and a used callback URL, must stay over.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signIn, storage, TOKEN_KEY, withDemo } from './browser.mjs';

// Chromium with its back-forward cache on, as users have it: a page restored from it comes back with the copy of
// sessionStorage it had when it was left for another site.
const run = withDemo({ backForwardCache: true });

/** Signs in through the demo, then visits another site (the stand-in's origin) in the same tab and comes back. */
async function signedInAfterAnotherSite(page) {
  await page.goto(`${run.demo.url}/`);
  await page.locator('aniapi-login').getByRole('button').click();
  await signIn(page);
  await page.waitForURL(`${run.demo.url}/`);
  await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
  await page.goto(`${run.demo.standin.url}/v1/oauth/login.js`);
  await page.goto(`${run.demo.url}/`);
  await page.locator('#signed-in').waitFor();
}

/** Back one entry, as the browser's button: a page restored from the cache fires no load event, so wait for the commit. */
async function back(page) {
  const from = page.url();
  // Started a task later, so that the navigation cannot end the page's script context before evaluate() returns.
  await page.evaluate(() => setTimeout(() => history.back()));
  await page.waitForURL((url) => url.href !== from, { waitUntil: 'commit' });
}

/** What a page of the demo shows and holds once loaded: signed in or out, and the token it stores. */
async function demoState(page) {
  await page.locator('#signed-in:visible, #signed-out:visible').waitFor();
  const signedIn = await page.locator('#signed-in').isVisible();
  return { signedIn, token: (await storage(page)).session[TOKEN_KEY] ?? null };
}

describe('history and sessionStorage (Chromium)', () => {
  test('a logout stays final through Back, reload and later navigations', async () => {
    const page = await run.context.newPage();
    await signedInAfterAnotherSite(page);
    await page.locator('#logout').click();
    await page.locator('#signed-out').waitFor();
    assert.deepEqual(await demoState(page), { signedIn: false, token: null });

    const seen = [];
    for (let i = 0; i < 3; i++) {
      await back(page);
      if (!page.url().startsWith(run.demo.url)) continue;
      // The entry may be a callback page; only the demo's own page says signed in or out.
      if (new URL(page.url()).pathname !== '/') continue;
      seen.push(await demoState(page));
      await page.reload();
      seen.push(await demoState(page));
    }
    assert.ok(seen.length > 0, 'Back never reached a page of the demo');
    for (const state of seen) assert.deepEqual(state, { signedIn: false, token: null });
    await page.goto(`${run.demo.url}/`);
    assert.deepEqual(await demoState(page), { signedIn: false, token: null });
  });

  test('a later sign-in in the same tab works after such a logout', async () => {
    const page = await run.context.newPage();
    await signedInAfterAnotherSite(page);
    await page.locator('#logout').click();
    await page.locator('#signed-out').waitFor();
    await back(page);
    await page.goto(`${run.demo.url}/`);
    await page.locator('aniapi-login').getByRole('button').click();
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/`);
    await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    assert.equal((await demoState(page)).signedIn, true);
  });

  test('a used callback URL opened again from the page where the login started signs in nobody', async () => {
    const page = await run.context.newPage();
    let callbackUrl = null;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('#access_token=')) callbackUrl = frame.url();
    });
    await page.goto(`${run.demo.url}/`);
    await page.locator('aniapi-login').getByRole('button').click();
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/`);
    await page.locator('aniapi-user [part=name]').filter({ hasText: 'demo' }).waitFor();
    assert.ok(callbackUrl, 'no callback URL seen');
    await page.evaluate(async () => (await import('/dist/aniapi-elements-popup.min.js')).logout());
    // Back into the page where the login started: restored from the cache, with the copy of sessionStorage it had
    // when it left for AniAPI, which still holds the pending login.
    await back(page);
    for (let i = 0; i < 3 && page.url() !== `${run.demo.url}/`; i++) await back(page);
    assert.equal(page.url(), `${run.demo.url}/`);
    await page.goto(callbackUrl);
    await page.waitForFunction(() => document.querySelector('aniapi-callback')?.result);
    const result = await page.evaluate(() => document.querySelector('aniapi-callback').result);
    assert.equal(result.ok, false, 'the used response signed in again');
    assert.ok(['no_pending_login', 'state_mismatch'].includes(result.error.code), result.error.code);
    assert.equal((await storage(page)).session[TOKEN_KEY] ?? null, null);
  });
});
