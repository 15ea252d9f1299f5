// A failed sign-in, as a person meets it in the demo: the callback page says in
// words what went wrong, in the language the demo was set to, and its "Try again"
// starts a fresh login that comes back to the page the first one started from.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signIn, storage, TOKEN_KEY, withDemo } from './browser.mjs';

const run = withDemo();

/** Changes the state in the stand-in's answer to the next login, once, as an attacker or a broken proxy would. */
async function tamperOnce(page) {
  let done = false;
  await page.route(`${run.demo.standin.url}/v1/oauth?**`, async (route) => {
    if (route.request().method() !== 'POST' || done) return route.continue();
    done = true;
    const response = await route.fetch();
    const envelope = await response.json();
    envelope.data = envelope.data.replace(/state=([\w-])/, (_, first) => `state=${first === 'A' ? 'B' : 'A'}`);
    await route.fulfill({ response, json: envelope });
  });
}

describe('a failed sign-in', () => {
  test('says why in words, and "Try again" signs in and returns to the page the login started from', async () => {
    const page = await run.context.newPage();
    await tamperOnce(page);
    await page.goto(`${run.demo.url}/?from=here`);
    await page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click();
    await page.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
    const firstState = new URL(page.url()).searchParams.get('state');
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/callback.html`);

    const callback = page.locator('aniapi-callback');
    await callback
      .getByRole('alert')
      .filter({ hasText: 'Sign-in failed. The response does not belong to the sign-in this tab started.' })
      .waitFor();
    const retry = callback.getByRole('button', { name: 'Try again' });
    assert.equal(await retry.isVisible(), true);
    await page.evaluate(() => {
      window.heard = [];
      document.addEventListener('aniapi-login', (event) => window.heard.push(event.detail.url));
    });
    await retry.click();
    await page.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
    // A fresh login: a new state, the same client and redirect URI.
    const again = new URL(page.url());
    assert.notEqual(again.searchParams.get('state'), firstState);
    assert.equal(again.searchParams.get('redirect_uri'), `${run.demo.url}/callback.html`);

    await signIn(page);
    // The callback's auto-return goes back to where the first login started.
    await page.waitForURL(`${run.demo.url}/?from=here`);
    await page.locator('aniapi-user').locator('[part=name]').filter({ hasText: 'demo' }).waitFor();
    const token = (await storage(page)).session[TOKEN_KEY];
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('speaks the language chosen in the demo, on the button and on the callback page', async () => {
    const page = await run.context.newPage();
    await tamperOnce(page);
    await page.goto(`${run.demo.url}/`);
    await page.getByLabel('The elements speak').selectOption('ja');
    const button = page.locator('aniapi-login').getByRole('button', { name: 'AniAPIでログイン' });
    await button.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await button.click();
    await page.waitForURL(`${run.demo.standin.url}/v1/oauth?**`);
    await signIn(page);
    await page.waitForURL(`${run.demo.url}/callback.html`);
    const callback = page.locator('aniapi-callback');
    await callback.getByRole('alert').filter({ hasText: 'ログインできませんでした。' }).waitFor();
    assert.equal(await callback.getByRole('button', { name: 'もう一度試す' }).isVisible(), true);

    // Back in English, the button says so at once.
    await page.goto(`${run.demo.url}/`);
    await page.getByLabel('The elements speak').selectOption('en');
    await page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).waitFor();
  });
});
