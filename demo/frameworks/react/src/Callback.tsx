import { useState } from 'react';
import type { AniapiErrorDetail, AniapiErrorEvent, AniapiLogoutEvent, AniapiTokenEvent, TokenStore } from 'aniapi-elements';
import { navigate } from './hooks';

interface CallbackProps {
  store: TokenStore;
  onEvent: (event: Event) => void;
}

export function Callback({ store, onEvent }: CallbackProps) {
  const [error, setError] = useState<AniapiErrorDetail | null>(null);
  const [returning, setReturning] = useState<string | null>(null);

  const onToken = (event: AniapiTokenEvent) => {
    onEvent(event);
    setReturning(event.detail.returnTo);
  };
  const onError = (event: AniapiErrorEvent) => {
    onEvent(event);
    setError(event.detail);
  };
  const onLogout = (event: AniapiLogoutEvent) => onEvent(event);

  return (
    <section>
      <aniapi-callback auto-return store={store} onaniapi-token={onToken} onaniapi-error={onError} onaniapi-logout={onLogout} />
      {returning !== null && <p data-test="returning">Signed in, going back to {returning}</p>}
      {error !== null && (
        <>
          <p data-test="error">
            {error.code}: {error.message}
          </p>
          <a
            href="/"
            onClick={(event) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
              event.preventDefault();
              navigate('/');
            }}
          >
            Back to the start
          </a>
        </>
      )}
    </section>
  );
}
