// The settings both @auth0/auth0-spa-js pages share.
export const settings = {
  domain: 'aniapi.example',
  clientId: 'CLIENT_ID',
  authorizationParams: { redirect_uri: `${location.origin}/callback.html` },
};
