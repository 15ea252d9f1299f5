// Drives Debian's Chromium with playwright-core, started as test/chromium.mjs says.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

/**
 * Launches Chromium; `backForwardCache` keeps the cache and `popupBlocking` the
 * popup blocker, both of which playwright turns off by default.
 */
export function launchChromium({ backForwardCache = false, popupBlocking = false } = {}) {
  const kept = [];
  if (backForwardCache) kept.push('--disable-back-forward-cache');
  if (popupBlocking) kept.push('--disable-popup-blocking');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ignoreDefaultArgs: kept,
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
