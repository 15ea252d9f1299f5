// The page with the button, written as a newcomer would from the README: the element's
// import, the session module, properties set from the app's config, typed event listeners.
import 'aniapi-elements/login';
import { getToken, logout, onChange } from 'aniapi-elements/session';

interface Config {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
}

const login = document.querySelector('aniapi-login')!;
const session = document.querySelector<HTMLOutputElement>('#session')!;
const logoutButton = document.querySelector<HTMLButtonElement>('#logout')!;

function heard(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  document.querySelector('#events')!.append(item);
}

function showSession(): void {
  const signedIn = getToken() !== null;
  session.textContent = signedIn ? 'signed in' : 'signed out';
  logoutButton.hidden = !signedIn;
  login.hidden = signedIn;
}

// Each listener's event is typed by the package: no cast, and a wrong field fails the check.
login.addEventListener('aniapi-login', (event) => heard(`aniapi-login ${new URL(event.detail.url).origin}`));
login.addEventListener('aniapi-error', (event) => heard(`aniapi-error ${event.detail.code}: ${event.detail.message}`));
login.addEventListener('aniapi-token', (event) => heard(`aniapi-token ${event.detail.accessToken.length > 0}`));
login.addEventListener('aniapi-logout', (event) => heard(`aniapi-logout ${event.detail.reason}`));
// @ts-expect-error: aniapi-token's detail has no `token`, only `accessToken`.
login.addEventListener('aniapi-token', (event) => heard(event.detail.token));

onChange((_session, reason) => {
  heard(`session ${reason}`);
  showSession();
});
logoutButton.addEventListener('click', () => logout());
showSession();

// The element's properties are typed too: the store is 'session', 'local' or 'memory'.
login.store = 'session';
// @ts-expect-error: no such store.
login.store = 'cookie';

const response = await fetch('/config.json');
const config = (await response.json()) as Config;
login.clientId = config.clientId;
login.redirectUri = config.redirectUri;
login.authorizeUrl = config.authorizeUrl;
