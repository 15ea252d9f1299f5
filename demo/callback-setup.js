// Runs before the element upgrades (module scripts wait for the parser):
// the store chosen on the demo page decides where the token goes.
const store = localStorage.getItem('aniapi-demo.store');
if (store) document.querySelector('aniapi-callback').setAttribute('store', store);
