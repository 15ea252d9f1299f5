// Launches Debian's Chromium (CHROME_PATH overrides) with playwright-core,
// which never downloads a browser of its own.
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}

/** Records every request a browser context makes; `seen()` resolves to their URLs and Referers (null when none). */
export function recordRequests(context) {
  const requests = [];
  context.on('request', (request) => {
    const url = request.url();
    requests.push(request.allHeaders().then((headers) => ({ url, referer: headers.referer || null }), () => ({ url, referer: null })));
  });
  return { seen: () => Promise.all(requests) };
}
