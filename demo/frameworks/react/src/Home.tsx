import { useState } from 'react';
import { logout, type AniapiErrorEvent, type AniapiLoginEvent, type AniapiLogoutEvent, type AniapiTokenEvent } from 'aniapi-elements';
import type { AppConfig } from './hooks';

interface HomeProps {
  config: AppConfig | null;
  signedIn: boolean;
  username: string | null;
  userError: string | null;
  onEvent: (event: Event) => void;
}

export function Home({ config, signedIn, username, userError, onEvent }: HomeProps) {
  const [hold, setHold] = useState(false);
  const [held, setHeld] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const onLogin = (event: AniapiLoginEvent) => {
    onEvent(event);
    setHeld(hold);
    if (hold) {
      event.preventDefault();
      setNotice(`The app kept the browser from opening ${new URL(event.detail.url).origin}.`);
    }
  };
  const onError = (event: AniapiErrorEvent) => {
    onEvent(event);
    setNotice(`${event.detail.code}: ${event.detail.message}`);
  };
  const onToken = (event: AniapiTokenEvent) => {
    onEvent(event);
    const { expiresAt } = event.detail;
    setNotice(expiresAt === null ? 'Signed in.' : `Signed in until ${new Date(expiresAt).toLocaleString()}.`);
  };
  const onLogout = (event: AniapiLogoutEvent) => {
    onEvent(event);
    setNotice(`Signed out (${event.detail.reason}).`);
  };

  return (
    <section>
      {/* Always in the page, hidden while signed in, so its handlers hear the session end. */}
      <aniapi-login
        hidden={signedIn}
        clientId={config?.clientId}
        redirectUri={config?.redirectUri}
        authorizeUrl={config?.authorizeUrl}
        disabled={config === null}
        onaniapi-login={onLogin}
        onaniapi-error={onError}
        onaniapi-token={onToken}
        onaniapi-logout={onLogout}
      />
      {signedIn ? (
        <>
          {username !== null ? <p data-test="user">{username}</p> : <p>Asking AniAPI who you are…</p>}
          {userError !== null && <p data-test="user-error">{userError}</p>}
          <button type="button" data-test="logout" onClick={() => logout()}>
            Log out
          </button>
        </>
      ) : (
        <>
          <label>
            <input type="checkbox" data-test="hold" checked={hold} onChange={(event) => setHold(event.target.checked)} /> Hold
            the login
          </label>
          {held && <p data-test="held">Login held by the app</p>}
        </>
      )}
      {notice !== null && <p data-test="notice">{notice}</p>}
    </section>
  );
}
