'use client';
import { useCallback, useState } from 'react';
import { AniapiLogin, AniapiUser } from 'aniapi-elements/react';
import { logout } from 'aniapi-elements/session';
import { useSession } from './session';

/** The AniAPI client this app signs in with, read by the server from its environment. */
export interface AppConfig {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  apiBase: string;
}

export function Home({ config }: { config: AppConfig }) {
  const session = useSession();
  const [hold, setHold] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Every event a component's prop heard, in order.
  const [events, setEvents] = useState<string[]>([]);
  const record = useCallback((event: Event) => setEvents((seen) => [...seen, event.type]), []);

  return (
    <main>
      <h1>aniapi-elements with Next.js</h1>
      <p data-test="session">{session ? 'signed in' : 'signed out'}</p>
      {/* Always in the page: hidden by the aniapi-login[signed-in] rule while signed in, it hears the session end. */}
      <AniapiLogin
        clientId={config.clientId}
        redirectUri={config.redirectUri}
        authorizeUrl={config.authorizeUrl}
        onAniapiLogin={(event) => {
          record(event);
          if (!hold) return;
          event.preventDefault();
          setNotice('Login held by the app');
        }}
        onAniapiError={(event) => {
          record(event);
          setNotice(`${event.detail.code}: ${event.detail.message}`);
        }}
        onAniapiToken={record}
        onAniapiLogout={(event) => {
          record(event);
          setNotice(`Signed out (${event.detail.reason}).`);
        }}
      />
      <label>
        <input type="checkbox" data-test="hold" checked={hold} onChange={(event) => setHold(event.target.checked)} />{' '}
        Hold the login
      </label>
      <AniapiUser
        apiBase={config.apiBase}
        onAniapiUser={record}
        onAniapiError={(event) => {
          record(event);
          setNotice(`${event.detail.code}: ${event.detail.message}`);
        }}
      >
        <button type="button" data-test="logout" onClick={() => logout()}>
          Log out
        </button>
      </AniapiUser>
      {notice !== null && <p data-test="notice">{notice}</p>}
      <h2>Events heard by the components&apos; props</h2>
      <ul data-test="events">
        {events.map((type, index) => (
          <li key={index}>{type}</li>
        ))}
      </ul>
    </main>
  );
}
