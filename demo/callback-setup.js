// Runs before the element upgrades (module scripts wait for the parser):
// the store chosen on the demo page decides where the token goes.
const store = localStorage.getItem('aniapi-demo.store');
if (store) document.querySelector('aniapi-callback').setAttribute('store', store);
// The language chosen on the demo page: <html lang>, and its pack from its own single file.
const lang = localStorage.getItem('aniapi-demo.lang');
if (['it', 'fr', 'ja'].includes(lang)) {
  document.documentElement.lang = lang;
  import(`/dist/aniapi-messages-${lang}.min.js`);
}
