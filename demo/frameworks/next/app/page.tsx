import { connection } from 'next/server';
import { Home, type AppConfig } from './home';

/** The AniAPI client this app uses, from the server's environment. */
function readConfig(): AppConfig {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: the AniAPI client this app signs in with`);
    return value;
  };
  return {
    clientId: read('ANIAPI_CLIENT_ID'),
    redirectUri: read('ANIAPI_REDIRECT_URI'),
    authorizeUrl: read('ANIAPI_AUTHORIZE_URL'),
    apiBase: read('ANIAPI_API_BASE'),
  };
}

export default async function Page() {
  // Rendered for each request, so that the environment is read where the server runs, not where it was built.
  await connection();
  return <Home config={readConfig()} />;
}
