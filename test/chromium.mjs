// How every test here starts Debian's Chromium: its path (CHROME_PATH overrides)
// and the flags it needs on this kind of machine. Nothing downloads a browser.
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  // Without these, Chromium keeps trying to reach Google's hosts from a closed network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Chromium's sandbox cannot start as root, which is how CI runs.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
