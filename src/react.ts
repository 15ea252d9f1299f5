'use client';
/**
 * React components for the elements, made with `@lit/react`: `AniapiLogin`, `AniapiCallback` and `AniapiUser`.
 * Their props set the elements' properties (`clientId`, `autoReturn`, `apiBase`, …) and listen for their events
 * (`onAniapiToken`, `onAniapiError`, …), once React has hydrated the page; a ref reaches the element. Each
 * component defines its element in the browser, in an effect after its first render there, by importing the
 * element's entry point: importing this module on a server defines nothing and loads no element, and a server
 * render is the bare tag with its plain attributes. `'use client'` marks the module for React Server Components:
 * a Server Component may render the components with serializable props. The JSX typings of the bare tags
 * (`<aniapi-login>` in JSX) come with the same import. React is an optional peer dependency: only pages that
 * import this module load it.
 * @module
 */
export { AniapiCallback, AniapiLogin, AniapiUser } from './frameworks/react-components.js';
export type { ElementComponent } from './frameworks/react-components.js';
