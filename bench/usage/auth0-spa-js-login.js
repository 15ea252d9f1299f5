// @auth0/auth0-spa-js on the button page: a client, loginWithRedirect on click.
import { createAuth0Client } from '@auth0/auth0-spa-js';
import { settings } from './auth0-spa-js-settings.js';

const client = await createAuth0Client(settings);
document.querySelector('button').addEventListener('click', () => client.loginWithRedirect());
