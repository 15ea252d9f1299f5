// <aniapi-login>, <aniapi-callback> and <aniapi-user> in Solid JSX, typed by
// aniapi-elements/solid. Each @ts-expect-error line must fail to type-check: tsc
// reports an unused one, so a typing that lets a wrong value through fails this file.
import type {} from 'aniapi-elements/solid';
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
      on:aniapi-token={(event) => {
        const detail: AniapiTokenDetail = event.detail;
        const element: AniapiLoginElement = event.currentTarget;
        console.log(detail.accessToken, element.store);
      }}
      on:aniapi-error={{ handleEvent: (event) => console.log(event.detail.code), once: true }}
    >
      Sign in
    </aniapi-login>
  );
}

export const namespaces = (
  <aniapi-login prop:clientId="x" prop:store="memory" attr:store="session" prop:messages={{ login: 'Sign in' }} />
);
export const booleans = <aniapi-callback auto-return={false} attr:auto-return="" bool:auto-return={true} />;
export const user = <aniapi-user api-base="https://aniapi.example/v1" on:aniapi-user={(e) => e.detail} />;

// @ts-expect-error: store takes 'session', 'local' or 'memory'
export const badStore = <aniapi-login store="cookie" />;
// @ts-expect-error: prop:store is typed as strictly
export const badStoreProperty = <aniapi-callback prop:store="cookie" />;
// @ts-expect-error: attr:store is typed as strictly
export const badStoreAttribute = <aniapi-login attr:store="cookie" />;
// @ts-expect-error: mode is 'redirect' or 'popup'
export const badMode = <aniapi-login mode="modal" />;
// @ts-expect-error: Solid would set a property named "clientid"; write client-id or prop:clientId
export const badCamelCase = <aniapi-login clientId="x" />;
// @ts-expect-error: an attribute written "false" is on, so attr: refuses false
export const badBoolean = <aniapi-callback attr:auto-return={false} />;
// @ts-expect-error: aniapi-token's detail has no such member
export const badDetail = <aniapi-login on:aniapi-token={(e) => e.detail.token} />;
