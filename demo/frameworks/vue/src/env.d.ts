/// <reference types="vite/client" />
// Types <aniapi-login> and <aniapi-callback> in Vue templates (vue's GlobalComponents):
// their properties as props, their events as @aniapi-* handlers with a typed $event.
/// <reference types="aniapi-elements/vue" />
