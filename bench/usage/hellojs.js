// hello.js, core build only: a provider for AniAPI, login on click, the token
// from its auth.login event (hello.js reads the callback by itself on load).
import hello from 'hellojs/dist/hello.js';

hello.init({ aniapi: { name: 'AniAPI', oauth: { version: 2, auth: 'https://api.aniapi.com/v1/oauth' } } });
hello.init({ aniapi: 'CLIENT_ID' }, { redirect_uri: '/callback.html', display: 'page' });
document.querySelector('button').addEventListener('click', () => hello('aniapi').login());
hello.on('auth.login', (auth) => console.log(auth.authResponse.access_token));
