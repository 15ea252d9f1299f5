/**
 * Says so in the console when a service worker controls the callback page: it
 * saw the response's URL, token included, in its `fetch` event, and may have
 * cached it. Nothing the page does afterwards can take the URL back from a
 * worker; only keeping the callback page out of its scope helps.
 */
export function warnOfServiceWorker(): void {
  let worker: ServiceWorker | null | undefined;
  try {
    worker = globalThis.navigator?.serviceWorker?.controller;
  } catch {
    // An opaque origin (a frame sandboxed without allow-same-origin) may not even ask; no worker controls it.
  }
  if (worker) {
    console.warn(
      `aniapi-elements: the service worker ${worker.scriptURL} saw this callback page's URL, token included. ` +
        "Keep the callback page out of every worker's scope.",
    );
  }
}
