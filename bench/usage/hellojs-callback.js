// hello.js, core build only, on the callback page: it reads the response by itself
// when it loads; the page knows the provider and takes the token from auth.login.
import hello from 'hellojs/dist/hello.js';

hello.init({ aniapi: { name: 'AniAPI', oauth: { version: 2, auth: 'https://api.aniapi.com/v1/oauth' } } });
hello.init({ aniapi: 'CLIENT_ID' }, { redirect_uri: '/callback.html', display: 'page' });
hello.on('auth.login', (auth) => console.log(auth.authResponse.access_token));
