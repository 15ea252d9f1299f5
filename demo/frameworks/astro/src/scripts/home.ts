// The start page: sets the login button's properties from the config, holds the login
// when asked, shows who is signed in and signs out.
// The package's root entry registers <aniapi-login> and <aniapi-callback> as it loads.
import { AniapiError, logout } from 'aniapi-elements';
import { fetchUser } from 'aniapi-elements/api';
import { heard, loadConfig, part, watchSession } from './page';

const login = document.querySelector('aniapi-login')!;
const hold = part<HTMLInputElement>('hold');
const user = part('user');
const notice = part('notice');

function say(text: string): void {
  notice.textContent = text;
  notice.hidden = false;
}

login.addEventListener('aniapi-login', (event) => {
  heard(event);
  part('held').hidden = !hold.checked;
  if (hold.checked) {
    event.preventDefault();
    say(`The app kept the browser from opening ${new URL(event.detail.url).origin}.`);
  }
});
login.addEventListener('aniapi-error', (event) => {
  heard(event);
  say(`${event.detail.code}: ${event.detail.message}`);
});
login.addEventListener('aniapi-token', (event) => {
  heard(event);
  const { expiresAt } = event.detail;
  say(expiresAt === null ? 'Signed in.' : `Signed in until ${new Date(expiresAt).toLocaleString()}.`);
});
login.addEventListener('aniapi-logout', (event) => {
  heard(event);
  say(`Signed out (${event.detail.reason}).`);
});
part('logout').addEventListener('click', () => logout());

const config = loadConfig();
config.then(
  ({ clientId, redirectUri, authorizeUrl }) => {
    login.clientId = clientId;
    login.redirectUri = redirectUri;
    login.authorizeUrl = authorizeUrl;
    login.disabled = false;
  },
  (reason: unknown) => say(`Could not load the configuration: ${String(reason)}`),
);

// Each session asks AniAPI who is signed in; an answer shows only while its session lasts.
let asked: string | null = null;
watchSession((session) => {
  login.hidden = session !== null;
  part('signed-in').hidden = session === null;
  part('signed-out').hidden = session !== null;
  user.hidden = true;
  asked = session?.accessToken ?? null;
  if (session === null) return;
  const token = session.accessToken;
  config
    .then(({ apiBase }) => fetchUser({ apiBase }))
    .then(
      (found) => {
        if (asked !== token || !found) return;
        user.textContent = found.username ?? '';
        user.hidden = false;
      },
      (reason: unknown) => {
        if (asked === token) say(reason instanceof AniapiError ? `${reason.code}: ${reason.message}` : String(reason));
      },
    );
});
