import * as React from 'react';
import { createComponent } from '@lit/react';
import type { EventName, ReactWebComponent } from '@lit/react';
import type { AniapiEventMap } from '../elements/events.js';
import type { AniapiLoginElement } from '../elements/login-element.js';
import type { AniapiCallbackElement } from '../elements/callback-element.js';
import type { AniapiUserElement } from '../elements/user-element.js';

/** An event for `createComponent`, typed: its prop's handler gets the event with its detail. */
const on = <K extends keyof AniapiEventMap>(type: K) => type as EventName<AniapiEventMap[K]>;

/** The events of `<aniapi-login>`, by the prop that listens for each. */
const LOGIN_EVENTS = {
  onAniapiLogin: on('aniapi-login'),
  onAniapiError: on('aniapi-error'),
  onAniapiToken: on('aniapi-token'),
  onAniapiExpiring: on('aniapi-expiring'),
  onAniapiLogout: on('aniapi-logout'),
};

/** The events of `<aniapi-callback>`, by the prop that listens for each. */
const CALLBACK_EVENTS = {
  onAniapiLogin: on('aniapi-login'),
  onAniapiToken: on('aniapi-token'),
  onAniapiError: on('aniapi-error'),
  onAniapiExpiring: on('aniapi-expiring'),
  onAniapiLogout: on('aniapi-logout'),
  onAniapiHandedBack: on('aniapi-handed-back'),
};

/** The events of `<aniapi-user>`, by the prop that listens for each. */
const USER_EVENTS = {
  onAniapiUser: on('aniapi-user'),
  onAniapiError: on('aniapi-error'),
};

// The settable properties of each element, as its class declares them (test/node/react.test.mjs holds them to
// custom-elements.json). A prop of one of these names is set on the element; any other prop is an attribute.
const LOGIN_PROPERTIES = [
  'clientId',
  'redirectUri',
  'authorizeUrl',
  'returnTo',
  'disabled',
  'mode',
  'store',
  'popupTimeout',
  'expiryWarning',
  'messages',
] as const satisfies ReadonlyArray<keyof AniapiLoginElement>;
const CALLBACK_PROPERTIES = ['store', 'autoReturn', 'expiryWarning', 'messages'] as const satisfies ReadonlyArray<
  keyof AniapiCallbackElement
>;
const USER_PROPERTIES = ['apiBase', 'allowOrigin', 'messages'] as const satisfies ReadonlyArray<
  keyof AniapiUserElement
>;

/**
 * What `createComponent` reads of an element class: a prototype, where it looks a prop up to choose between
 * setting a property and rendering an attribute. A stand-in with only the element's properties on it, so that
 * a server render never loads the element, nor Lit, whose Node build installs a `customElements` of its own.
 */
function propertiesOf<I extends HTMLElement>(names: ReadonlyArray<keyof I>): new () => I {
  const prototype: Record<PropertyKey, undefined> = Object.create(null);
  for (const name of names) prototype[name] = undefined;
  return { prototype } as unknown as new () => I;
}

/**
 * The React component of an element, as `createComponent` types it, with props for the element's settable
 * properties `K` only: a read-only member (`signedIn`, `status`) or a method given as a prop would be set on the
 * element, where it throws or replaces the method.
 */
export type ElementComponent<
  I extends HTMLElement,
  K extends keyof I,
  E extends Record<string, EventName>,
> = React.ForwardRefExoticComponent<
  Omit<React.ComponentProps<ReactWebComponent<I, E>>, Exclude<keyof I, K | keyof HTMLElement>>
>;

/**
 * The React component of one element. `@lit/react` sets its properties and adds its listeners in a layout
 * effect, so after hydration, and removes `defer-hydration` once mounted; every render carries that attribute,
 * so that the element leaves its own attributes alone until React has hydrated the markup. An effect, which
 * React runs in the browser only, defines the element by importing its entry point, once.
 */
function component<I extends HTMLElement, K extends keyof I, E extends Record<string, EventName>>(options: {
  tagName: string;
  displayName: string;
  properties: readonly K[];
  events: E;
  define: () => Promise<unknown>;
}): ElementComponent<I, K, E> {
  const { tagName, displayName, properties, events, define } = options;
  // Typed loosely inside: the component below takes the same props, and adds one attribute. Cast, not
  // annotated: checking that ReactWebComponent<I, E> is an ElementType took TypeScript 5 s a compile.
  const Wrapped = createComponent({
    react: React,
    tagName,
    elementClass: propertiesOf<I>(properties),
    events,
  }) as unknown as React.ElementType;
  let defined: Promise<unknown> | undefined;
  const Component = React.forwardRef<I, Record<string, unknown>>((props, ref) => {
    const element = React.useRef<I>(null);
    // The app's ref gets the element from React itself, which keeps React 19's contract for a ref callback that
    // returns a cleanup: the cleanup runs when the element goes, and the callback is not called again with null.
    // (@lit/react calls the app's ref from a callback of its own, which drops the cleanup.)
    React.useImperativeHandle(ref, () => element.current!, []);
    React.useEffect(() => {
      defined ??= define();
    }, []);
    return React.createElement(Wrapped, { ...props, 'defer-hydration': '', ref: element });
  });
  Component.displayName = displayName;
  return Component as unknown as ElementComponent<I, K, E>;
}

// Each component's type arguments are written out: inferred from a declared type instead, they took
// TypeScript 20 s a compile, in the build, the type check and the editor alike.

/**
 * `<aniapi-login>` as a React component, e.g. `<AniapiLogin clientId={id} onAniapiLogin={onLogin} />`.
 * Props named after its properties (`clientId`, `redirectUri`, `authorizeUrl`, `returnTo`, `disabled`, `mode`,
 * `store`, `popupTimeout`, `expiryWarning`, `messages`) are set on the element; `onAniapiLogin`,
 * `onAniapiError`, `onAniapiToken`, `onAniapiExpiring` and `onAniapiLogout` listen for its events; a ref
 * reaches the element. The element is defined in the browser, after the component's first render there; a
 * server renders the tag alone and loads no element code.
 */
export const AniapiLogin = component<AniapiLoginElement, (typeof LOGIN_PROPERTIES)[number], typeof LOGIN_EVENTS>({
  tagName: 'aniapi-login',
  displayName: 'AniapiLogin',
  properties: LOGIN_PROPERTIES,
  events: LOGIN_EVENTS,
  define: () => import('../login.js'),
});

/**
 * `<aniapi-callback>` as a React component, e.g. `<AniapiCallback autoReturn store="local" onAniapiError={onError} />`.
 * Props named after its properties (`store`, `autoReturn`, `expiryWarning`, `messages`) are set on the element,
 * before its first update; `onAniapiLogin`, `onAniapiToken`, `onAniapiError`, `onAniapiExpiring`,
 * `onAniapiLogout` and `onAniapiHandedBack` listen for its events; a ref reaches the element. The element is
 * defined in the browser, after the component's first render there, and scrubs the address bar only then: put
 * the pre-scrub first in the callback page (docs/frameworks.md says how in Next.js).
 */
export const AniapiCallback = component<
  AniapiCallbackElement,
  (typeof CALLBACK_PROPERTIES)[number],
  typeof CALLBACK_EVENTS
>({
  tagName: 'aniapi-callback',
  displayName: 'AniapiCallback',
  properties: CALLBACK_PROPERTIES,
  events: CALLBACK_EVENTS,
  define: () => import('../callback.js'),
});

/**
 * `<aniapi-user>` as a React component, e.g. `<AniapiUser apiBase={base} onAniapiUser={onUser} />`. Props
 * named after its properties (`apiBase`, `allowOrigin`, `messages`) are set on the element; `onAniapiUser` and
 * `onAniapiError` listen for its events; a ref reaches the element. The element is defined in the browser,
 * after the component's first render there: only pages that show a card load `aniapi-elements/user`.
 */
export const AniapiUser = component<AniapiUserElement, (typeof USER_PROPERTIES)[number], typeof USER_EVENTS>({
  tagName: 'aniapi-user',
  displayName: 'AniapiUser',
  properties: USER_PROPERTIES,
  events: USER_EVENTS,
  define: () => import('../user.js'),
});
