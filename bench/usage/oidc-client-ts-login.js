// oidc-client-ts on the button page: a UserManager, signinRedirect on click.
import { UserManager } from 'oidc-client-ts';
import { settings } from './oidc-client-ts-settings.js';

const manager = new UserManager(settings);
document.querySelector('button').addEventListener('click', () => manager.signinRedirect());
