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
