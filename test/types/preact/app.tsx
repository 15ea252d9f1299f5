// <aniapi-login>, <aniapi-callback> and <aniapi-user> in Preact JSX, typed by
// aniapi-elements/preact. Each @ts-expect-error line must fail to type-check: tsc
// reports an unused one, so a typing that lets a wrong value through fails this file.
import type {} from 'aniapi-elements/preact';
import type { AniapiLoginElement, AniapiTokenDetail } from 'aniapi-elements';

export function Login() {
  return (
    <aniapi-login
      client-id="x"
      redirect-uri="https://app.example/callback"
      authorize-url="https://aniapi.example/oauth"
      store="local"
      mode="popup"
      popup-timeout={120}
      onaniapi-token={(event) => {
        const detail: AniapiTokenDetail = event.detail;
        const element: AniapiLoginElement = event.currentTarget;
        console.log(detail.accessToken, element.store);
      }}
      onaniapi-error={(event) => console.log(event.detail.code)}
    >
      Sign in
    </aniapi-login>
  );
}

export const properties = <aniapi-login clientId="x" store="memory" messages={{ login: 'Sign in' }} disabled={false} />;
export const callback = <aniapi-callback store="session" auto-return onaniapi-handed-back={(e) => e.detail.popup} />;
export const user = <aniapi-user api-base="https://aniapi.example/v1" onaniapi-user={(e) => e.detail} />;

// @ts-expect-error: store takes 'session', 'local' or 'memory'
export const badStore = <aniapi-login store="cookie" />;
// @ts-expect-error: the property form is typed as strictly
export const badStoreProperty = <aniapi-callback store="cookie" />;
// @ts-expect-error: mode is 'redirect' or 'popup'
export const badMode = <aniapi-login mode="modal" />;
// @ts-expect-error: popup-timeout is a number
export const badTimeout = <aniapi-login popup-timeout="soon" />;
// @ts-expect-error: a boolean attribute written "false" is on, so false is refused
export const badBoolean = <aniapi-callback auto-return={false} />;
// @ts-expect-error: aniapi-token's detail has no such member
export const badDetail = <aniapi-login onaniapi-token={(e) => e.detail.token} />;
