// Configures the button from the server, as an app would from its settings.
const { clientId, redirectUri, authorizeUrl } = await (await fetch('/config.json')).json();
Object.assign(document.querySelector('aniapi-login'), { clientId, redirectUri, authorizeUrl });
