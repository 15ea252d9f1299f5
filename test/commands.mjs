// Test commands of our own, for web-test-runner's executeServerCommand.
//
// Forced colors: @web/test-runner-commands' emulateMedia passes `forcedColors`
// to Playwright only, and puppeteer's emulateMediaFeatures refuses the feature;
// our Chromium runs under puppeteer, so this command sets it through the
// DevTools protocol, where Chromium then paints with system colours as in
// Windows' contrast themes. Firefox (WebDriver BiDi) and WebKit (WebDriver
// classic) offer no such emulation: the command answers false there.

/** `emulate-forced-colors` with `{ active: boolean }`: true once applied, false where the engine cannot. */
export function forcedColorsPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'emulate-forced-colors-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') return false;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        try {
          cdp = await page.createCDPSession();
        } catch {
          // Firefox under puppeteer speaks WebDriver BiDi, which has no CDP session.
          return false;
        }
        // The override lasts as long as the session that set it, so it is kept.
        sessions.set(page, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}

/**
 * `standin-signed-in` with `{ store?: 'session' | 'local' }`: a stand-in of the package (started on first use, on a
 * free port, stopped with the test server) and `standin.signedInScript()` for its demo user, as a test of a user's
 * app would get it: `{ url, script }`.
 */
export function standinPlugin() {
  let standin;
  return {
    name: 'standin-command',
    async executeCommand({ command, payload }) {
      if (command !== 'standin-signed-in') return undefined;
      // Imported here, so that only a run that uses it needs the stand-in built (npm test builds first).
      const { startStandin } = await import('../dist/standin/index.js');
      standin ??= await startStandin({ port: 0 });
      return { url: standin.url, script: await standin.signedInScript(1, { store: payload?.store }) };
    },
    async serverStop() {
      await standin?.close();
    },
  };
}
