// hello.js, core build only, on the button page: a provider for AniAPI, login on click.
import hello from 'hellojs/dist/hello.js';

hello.init({ aniapi: { name: 'AniAPI', oauth: { version: 2, auth: 'https://api.aniapi.com/v1/oauth' } } });
hello.init({ aniapi: 'CLIENT_ID' }, { redirect_uri: '/callback.html', display: 'page' });
document.querySelector('button').addEventListener('click', () => hello('aniapi').login());
