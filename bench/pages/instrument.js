// Bench instrumentation, the first script of each callback page so that it runs
// before anything it times; a file, not inline, for the strict CSP. It notes in
// window.bench, in ms since navigation start (performance.now()):
// - scrubbed: when the URL lost its fragment. The scrub, pre-scrub or module,
//   goes through History.prototype.replaceState, which is wrapped here first;
// - token, or error: when the page heard aniapi-token, or aniapi-error's code.
(() => {
  const bench = (window.bench = { hadFragment: location.href.includes('#') });
  const replaceState = History.prototype.replaceState;
  History.prototype.replaceState = function (...args) {
    const result = replaceState.apply(this, args);
    if (bench.hadFragment && bench.scrubbed === undefined && !location.href.includes('#'))
      bench.scrubbed = performance.now();
    return result;
  };
  document.addEventListener('aniapi-token', () => {
    bench.token ??= performance.now();
    // Scrubbed some other way than replaceState, which the table then says.
    bench.fragmentAtToken ??= location.href.includes('#');
  });
  document.addEventListener('aniapi-error', (event) => (bench.error ??= event.detail?.code ?? 'unknown'));
})();
