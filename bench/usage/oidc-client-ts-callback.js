// oidc-client-ts on the callback page: a UserManager, signinRedirectCallback.
import { UserManager } from 'oidc-client-ts';
import { settings } from './oidc-client-ts-settings.js';

new UserManager(settings).signinRedirectCallback().then((user) => console.log(user.access_token));
