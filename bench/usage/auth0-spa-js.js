// @auth0/auth0-spa-js: a client, loginWithRedirect on click, handleRedirectCallback on the callback page.
import { createAuth0Client } from '@auth0/auth0-spa-js';

const client = await createAuth0Client({
  domain: 'aniapi.example',
  clientId: 'CLIENT_ID',
  authorizationParams: { redirect_uri: `${location.origin}/callback.html` },
});
document.querySelector('button').addEventListener('click', () => client.loginWithRedirect());
if (location.pathname === '/callback.html') {
  await client.handleRedirectCallback();
  console.log(await client.getTokenSilently());
}
