import { useCallback, useEffect, useState } from 'react';
import { AniapiError, type TokenStore } from 'aniapi-elements';
import { fetchUser } from 'aniapi-elements/api';
import { Callback } from './Callback';
import { Home } from './Home';
import { useConfig, usePathname, useSession } from './hooks';

/** The signed-in user's name, with the token it was fetched for. */
interface UserName {
  accessToken: string;
  username: string;
}

export function App() {
  const path = usePathname();
  const { config, error: configError } = useConfig();
  const session = useSession();
  // Bound to <aniapi-callback>'s store; not the default, so that the round trip shows the binding counts.
  const [store] = useState<TokenStore>('local');
  // Every event a React handler heard, across routes.
  const [events, setEvents] = useState<string[]>([]);
  const record = useCallback((event: Event) => setEvents((seen) => [...seen, event.type]), []);

  const [user, setUser] = useState<UserName | null>(null);
  const [userError, setUserError] = useState<string | null>(null);
  const accessToken = session?.accessToken ?? null;
  const apiBase = config?.apiBase ?? null;
  useEffect(() => {
    if (accessToken === null || apiBase === null) return;
    let current = true;
    fetchUser({ apiBase }).then(
      (found) => {
        if (current && found) setUser({ accessToken, username: found.username ?? '' });
      },
      (reason: unknown) => {
        if (current) setUserError(reason instanceof AniapiError ? `${reason.code}: ${reason.message}` : String(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [accessToken, apiBase]);
  // A name is shown only beside the session it was fetched for.
  const username = user !== null && user.accessToken === accessToken ? user.username : null;

  return (
    <main>
      <h1>aniapi-elements with React</h1>
      <p data-test="session">{session ? 'signed in' : 'signed out'}</p>
      {configError !== null && <p data-test="config-error">Could not load the configuration: {configError}</p>}
      {path === '/callback' ? (
        <Callback store={store} onEvent={record} />
      ) : (
        <Home config={config} signedIn={session !== null} username={username} userError={userError} onEvent={record} />
      )}
      <h2>Events heard by React</h2>
      <ul data-test="events">
        {events.map((type, index) => (
          <li key={index}>{type}</li>
        ))}
      </ul>
    </main>
  );
}
