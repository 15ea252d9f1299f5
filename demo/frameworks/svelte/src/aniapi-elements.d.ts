// Types <aniapi-login> and <aniapi-callback> in Svelte markup (augments svelte/elements'
// SvelteHTMLElements). It works only because .npmrc installs the package as a copy.
/// <reference types="aniapi-elements/svelte" />
