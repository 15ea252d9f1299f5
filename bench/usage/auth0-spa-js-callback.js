// @auth0/auth0-spa-js on the callback page: a client, handleRedirectCallback, then the token.
import { createAuth0Client } from '@auth0/auth0-spa-js';
import { settings } from './auth0-spa-js-settings.js';

const client = await createAuth0Client(settings);
await client.handleRedirectCallback();
console.log(await client.getTokenSilently());
