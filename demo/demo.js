// Popup sign-in, lent to the button before the page's file defines it (no Lit of its own).
import '/dist/aniapi-popup.min.js';

const $ = (id) => document.getElementById(id);
const login = document.querySelector('aniapi-login');
const message = $('message');

// Listeners first, before anything awaits, so that no event of the page's load is missed.
document.addEventListener('aniapi-error', (event) => {
  message.textContent = event.detail.message;
});
document.addEventListener('aniapi-expiring', (event) => {
  const at = new Date(event.detail.expiresAt).toLocaleTimeString();
  message.textContent = `Your session ends at ${at}; log in again to stay signed in.`;
});
// The card's default slot shows the email from the user it loaded: no second request to AniAPI.
document.addEventListener('aniapi-user', (event) => {
  $('email').textContent = event.detail.user.email ?? '';
});

// The elements speak the language of <html lang>; each language but English is a pack of its own,
// loaded from its single file when first chosen. The callback page follows the same choice.
// Set up before anything awaits: a language picked while the page starts is not lost, and
// it wins over the remembered one, however long either pack takes to load.
const LANGUAGES = ['en', 'it', 'fr', 'ja'];
let wanted;
async function speak(lang) {
  if (!LANGUAGES.includes(lang)) lang = 'en';
  wanted = lang;
  if (lang !== 'en') await import(`/dist/aniapi-messages-${lang}.min.js`);
  if (wanted !== lang) return;
  document.documentElement.lang = lang;
  localStorage.setItem('aniapi-demo.lang', lang);
  $('lang').value = lang;
  // A pack registered updates the elements by itself; a change of lang alone needs asking
  // (an element not defined yet reads the language when it is).
  for (const element of document.querySelectorAll('aniapi-login, aniapi-user')) element.requestUpdate?.();
}
$('lang').addEventListener('change', () => speak($('lang').value));
const remembered = speak(localStorage.getItem('aniapi-demo.lang') ?? 'en');

const config = await (await fetch('/config.json')).json();

login.clientId = config.clientId;
login.redirectUri = config.redirectUri;
login.authorizeUrl = config.authorizeUrl;
$('user').setAttribute('api-base', config.apiBase);

// The page's one file, the button and the card with the session and Lit once, loads once both
// elements know their servers: the card's first fetch goes to the stand-in, and every listener
// above hears how it went.
const { getSession, logout, onChange } = await import('/dist/aniapi-login-user.min.js');

// The choices are remembered for the callback page (the store) and the next visit.
for (const [name, fallback] of [
  ['store', 'session'],
  ['mode', 'redirect'],
]) {
  const key = `aniapi-demo.${name}`;
  const chosen = localStorage.getItem(key) ?? fallback;
  for (const radio of document.querySelectorAll(`input[name=${name}]`)) {
    radio.checked = radio.value === chosen;
    radio.addEventListener('change', () => {
      localStorage.setItem(key, radio.value);
      login[name] = radio.value;
    });
  }
  localStorage.setItem(key, chosen);
  login[name] = chosen;
}

$('logout').addEventListener('click', () => logout());

await remembered;

// <aniapi-user> fetches and shows the user itself; the page only swaps its two sections.
function render() {
  const signedIn = getSession() !== null;
  $('signed-out').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
}

onChange((_session, reason) => {
  if (reason !== 'login') message.textContent = reason === 'logout' ? 'Signed out.' : `Signed out (${reason}).`;
  render();
});
render();
