// Types <aniapi-login> and <aniapi-callback> in Svelte markup (augments svelte/elements'
// SvelteHTMLElements). It works only because the package is installed from its tarball, as a
// copy: through a symlink to the tree, TypeScript would not find svelte/elements from it.
/// <reference types="aniapi-elements/svelte" />
