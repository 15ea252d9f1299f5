// oidc-client-ts: a UserManager, signinRedirect on click, signinRedirectCallback on the callback page.
import { UserManager } from 'oidc-client-ts';

const manager = new UserManager({
  authority: 'https://api.aniapi.com',
  client_id: 'CLIENT_ID',
  redirect_uri: `${location.origin}/callback.html`,
  metadata: {
    issuer: 'https://api.aniapi.com',
    authorization_endpoint: 'https://api.aniapi.com/v1/oauth',
    token_endpoint: 'https://api.aniapi.com/v1/oauth/token',
  },
});
document.querySelector('button').addEventListener('click', () => manager.signinRedirect());
if (location.pathname === '/callback.html')
  manager.signinRedirectCallback().then((user) => console.log(user.access_token));
