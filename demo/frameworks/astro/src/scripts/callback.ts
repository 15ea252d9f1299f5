// The redirect URI's page: hears how the login ended. On success <aniapi-callback>
// goes back by itself (auto-return) to the page the login started from.
import 'aniapi-elements/callback'; // registers <aniapi-callback>
import { heard, part, watchSession } from './page';

const callback = document.querySelector('aniapi-callback')!;

callback.addEventListener('aniapi-token', (event) => {
  heard(event);
  const returning = part('returning');
  returning.textContent = `Signed in, going back to ${event.detail.returnTo}…`;
  returning.hidden = false;
});
callback.addEventListener('aniapi-error', (event) => {
  heard(event);
  part('error').textContent = `${event.detail.code}: ${event.detail.message}`;
  part('failed').hidden = false;
});
watchSession();
