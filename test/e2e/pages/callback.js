// Records what the page hears, for the test to read.
window.heard = [];
for (const type of ['aniapi-token', 'aniapi-error']) {
  document.addEventListener(type, (event) => window.heard.push({ type, code: event.detail.code ?? null }));
}
