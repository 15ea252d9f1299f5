// One look, from inside a page, at every API through which a script of that page
// could still read the access token: the same function for every engine and driver
// (playwright, puppeteer, webdriverio serialise it into the page, so it closes over nothing).
import assert from 'node:assert/strict';

/**
 * Runs in the page. Returns `found`, every place that holds `token`, `access_token`
 * or (in a URL) a `#` fragment, as `{ api, value }` with the token shown as `<token>`;
 * `navigationApi`, whether the engine has the Navigation API (its four checks are
 * skipped where it has none); and `navigations`, how many navigation entries the
 * page has.
 */
export function tokenProbe(token) {
  const found = [];
  const shown = (value) => {
    const text = token ? value.split(token).join('<token>') : value;
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  };
  const check = (api, value, url = true) => {
    if (typeof value !== 'string') return;
    if ((token && value.includes(token)) || value.includes('access_token') || (url && value.includes('#')))
      found.push({ api, value: shown(value) });
  };
  check('document.URL', document.URL);
  check('location.href', location.href);
  // A router may keep the whole URL, fragment and all, anywhere in its state object.
  check('history.state', JSON.stringify(history.state) ?? 'undefined', false);
  const nav = window.navigation;
  if (nav) {
    nav.entries().forEach((entry, i) => check(`navigation.entries()[${i}].url`, entry.url));
    check('navigation.currentEntry.url', nav.currentEntry?.url);
    check('navigation.activation.entry.url', nav.activation?.entry?.url);
    check('navigation.activation.from.url', nav.activation?.from?.url);
  }
  for (const type of ['navigation', 'resource']) {
    for (const entry of performance.getEntriesByType(type)) check(`performance ${type}`, entry.name);
  }
  check('document.referrer', document.referrer);
  return { found, navigationApi: Boolean(nav), navigations: performance.getEntriesByType('navigation').length };
}

/**
 * Whether each engine run here has the Navigation API (`window.navigation`), as the
 * probe finds it: Chromium 156 and Firefox ESR 153 have it, WebKitGTK 2.50 has not.
 */
export const NAVIGATION_API = { chromium: true, firefox: true, webkit: false };

/** Fails, naming every API that still holds the token, unless the probe found nothing; checks the engine's Navigation API is as recorded. */
export function assertTokenGone(probe, engine, where) {
  assert.deepEqual(
    probe.found,
    [],
    `${engine}, ${where}: the token is still readable through ${probe.found.map((f) => f.api).join(', ')}`,
  );
  assert.equal(
    probe.navigationApi,
    NAVIGATION_API[engine],
    `${engine}: window.navigation ${probe.navigationApi ? 'exists' : 'is missing'}`,
  );
  // The entry that would hold the URL this document was loaded from was looked at, not missing.
  assert.equal(probe.navigations, 1, `${engine}, ${where}: performance navigation entries`);
}

/** The names of the APIs the probe found holding the token, each once. */
export function apisHolding(probe) {
  return [...new Set(probe.found.map((f) => f.api))];
}
