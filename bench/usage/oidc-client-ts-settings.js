// The settings both oidc-client-ts pages share (v3 does authorization code + PKCE only).
export const settings = {
  authority: 'https://api.aniapi.com',
  client_id: 'CLIENT_ID',
  redirect_uri: `${location.origin}/callback.html`,
  metadata: {
    issuer: 'https://api.aniapi.com',
    authorization_endpoint: 'https://api.aniapi.com/v1/oauth',
    token_endpoint: 'https://api.aniapi.com/v1/oauth/token',
  },
};
