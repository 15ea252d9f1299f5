// The React components of aniapi-elements/react, and the bare tags in React JSX, typed by
// the same entry. Each @ts-expect-error line must fail to type-check: tsc reports an unused
// one, so a typing that lets a wrong value through fails this file. test/node/react.test.mjs
// reads the props types below to hold them to custom-elements.json.
import { useRef, type ComponentProps } from 'react';
import { AniapiCallback, AniapiLogin, AniapiUser } from 'aniapi-elements/react';
import type { AniapiCallbackElement, AniapiLoginElement, AniapiTokenDetail, AniapiUserElement } from 'aniapi-elements';

export type LoginProps = ComponentProps<typeof AniapiLogin>;
export type CallbackProps = ComponentProps<typeof AniapiCallback>;
export type UserProps = ComponentProps<typeof AniapiUser>;

export function Components() {
  const login = useRef<AniapiLoginElement>(null);
  const callback = useRef<AniapiCallbackElement>(null);
  const user = useRef<AniapiUserElement>(null);
  return (
    <>
      <AniapiLogin
        ref={login}
        clientId="x"
        redirectUri="https://app.example/callback"
        authorizeUrl="https://aniapi.example/v1/oauth"
        returnTo="/"
        store="local"
        mode="popup"
        popupTimeout={120}
        expiryWarning={0}
        disabled={false}
        messages={{ login: 'Sign in' }}
        className="login"
        hidden
        onAniapiLogin={(event) => console.log(event.detail.url)}
        onAniapiToken={(event) => {
          const detail: AniapiTokenDetail = event.detail;
          console.log(detail.accessToken, login.current?.store);
        }}
        onAniapiError={(event) => event.detail.code}
        onAniapiExpiring={(event) => event.detail.expiresAt}
        onAniapiLogout={(event) => event.detail.reason}
      >
        Sign in
      </AniapiLogin>
      <AniapiCallback
        ref={callback}
        autoReturn
        store="memory"
        onAniapiHandedBack={(event) => event.detail.popup}
        onAniapiToken={(event) => event.detail.returnTo}
      />
      <AniapiUser
        ref={user}
        apiBase="https://aniapi.example"
        allowOrigin="https://api.example"
        onAniapiUser={(event) => event.detail.user.username}
      >
        <button type="button">Log out</button>
      </AniapiUser>
    </>
  );
}

// The bare tags keep their JSX typings.
export const bare = <aniapi-login client-id="x" store="local" onaniapi-token={(event) => event.detail.accessToken} />;

// @ts-expect-error: store takes 'session', 'local' or 'memory'
export const badStore = <AniapiLogin store="cookie" />;
// @ts-expect-error: mode is 'redirect' or 'popup'
export const badMode = <AniapiLogin mode="modal" />;
// @ts-expect-error: autoReturn is a boolean
export const badAutoReturn = <AniapiCallback autoReturn="yes" />;
// @ts-expect-error: aniapi-token's detail has no such member
export const badDetail = <AniapiLogin onAniapiToken={(event) => event.detail.token} />;
// @ts-expect-error: <aniapi-login> fires no aniapi-user
export const badEvent = <AniapiLogin onAniapiUser={() => {}} />;
// @ts-expect-error: a ref of another element
export const badRef = <AniapiUser ref={useRef<AniapiLoginElement>(null)} />;
// @ts-expect-error: the bare tag is typed as before
export const badBare = <aniapi-callback store="cookie" />;
// @ts-expect-error: signedIn is read-only: the element sets it
export const badSignedIn = <AniapiLogin signedIn />;
// @ts-expect-error: status is read-only: the element sets it
export const badStatus = <AniapiUser status="signed-in" />;
// @ts-expect-error: login is the element's method, not a prop
export const badMethod = <AniapiLogin login={() => {}} />;
