// Generates custom-elements.json from the elements' JSDoc; never edited by hand.
// The manifest is for users, so it keeps the public API only: private members
// and Lit's static plumbing (styles, shadowRootOptions) are left out.
const LIT_STATICS = new Set(['styles', 'shadowRootOptions']);

function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !LIT_STATICS.has(member.name),
          );
        }
      }
    },
  };
}

export default {
  globs: ['src/aniapi-login.ts', 'src/aniapi-callback.ts', 'src/login.ts', 'src/callback.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicApiOnly()],
};
