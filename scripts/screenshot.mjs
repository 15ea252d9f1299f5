// Writes docs/screenshot.png (npm run screenshot): the demo's three elements as a visitor
// sees them, taken from the running demo and its stand-in in Debian's Chromium, so the
// picture is remade from the code rather than drawn by hand.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../demo/server/demo-server.mjs';
import { launchChromium, signIn } from '../test/e2e/browser.mjs';

const target = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

// Each view is taken at this width, so that two sit side by side in the picture.
const VIEW = { width: 480, height: 600 };

/**
 * The demo's card (`main`) as a PNG, without its heading, which every page has, nor the
 * sign-in choices below the login button; Playwright hides them while it takes the picture.
 */
const card = (page) => page.locator('main').screenshot({ style: 'main h1, aniapi-login ~ * { display: none; }' });

async function views(browser, demo) {
  // The demo's Content Security Policy would refuse the stylesheet that card() has Playwright add.
  const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1, bypassCSP: true });
  const page = await context.newPage();

  await page.goto(`${demo.url}/`);
  const button = page.getByRole('button', { name: 'Log in with AniAPI' });
  await button.waitFor();
  const signedOut = await card(page);

  // A refused sign-in, as AniAPI reports one: the callback page says why and offers "Try again".
  await button.click();
  await page.waitForURL((url) => url.origin === demo.standin.url);
  const state = new URL(page.url()).searchParams.get('state');
  await page.goto(`${demo.url}/callback.html#error=access_denied&state=${state}`);
  const retry = page.getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  const failed = await card(page);

  await retry.click();
  await page.waitForURL((url) => url.origin === demo.standin.url);
  await signIn(page);
  await page.waitForURL(`${demo.url}/`);
  await page.waitForFunction(() => document.querySelector('aniapi-user')?.status === 'signed-in');
  const signedIn = await card(page);

  await context.close();
  return { signedOut, failed, signedIn };
}

/** Lays the views out on one page, each under a caption, and takes that page. */
async function compose(browser, { signedOut, failed, signedIn }) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 600 }, deviceScaleFactor: 1 });
  const figure = (png, caption) =>
    `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${png.toString('base64')}"></figure>`;
  await page.setContent(`<!doctype html>
    <style>
      body { margin: 0; padding: 16px; background: #f3f5f9; font: 15px/1.4 system-ui, sans-serif; color: #1b1f29;
             display: grid; grid-template-columns: 480px 480px; gap: 8px; width: fit-content; }
      figure { margin: 0; }
      figcaption { margin: 0 0 4px; }
      code { font: 14px ui-monospace, monospace; }
      img { display: block; }
      .column { display: grid; gap: 12px; align-content: start; }
    </style>
    <div class="column">
      ${figure(signedOut, 'Signed out: <code>&lt;aniapi-login&gt;</code>')}
      ${figure(failed, 'The callback page after a refused sign-in: <code>&lt;aniapi-callback&gt;</code>')}
    </div>
    <div class="column">
      ${figure(signedIn, 'Signed in: <code>&lt;aniapi-user&gt;</code>')}
    </div>`);
  // The body, padding included, is as tall as the taller column.
  const size = await page.evaluate(() => {
    const { width, height } = document.body.getBoundingClientRect();
    return { width: Math.ceil(width), height: Math.ceil(height) };
  });
  await writeFile(target, await page.screenshot({ clip: { x: 0, y: 0, ...size } }));
  await page.close();
}

const demo = await startDemo({ port: 0, standinPort: 0 });
const browser = await launchChromium();
try {
  await compose(browser, await views(browser, demo));
  console.log(`Wrote ${target}`);
} finally {
  await browser.close();
  await demo.close();
}
