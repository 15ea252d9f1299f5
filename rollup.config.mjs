// The single files for plain HTML pages, each with its imports inlined and
// minified, so that `<script type="module" src=".../aniapi-elements.min.js">`
// works without a bundler or an import map. Each is built from its source in src/bundles/,
// named after it (aniapi-login.ts for aniapi-login.min.js), as tsc writes it to dist/bundles/.
// - aniapi-elements.min.js: the package's `.` entry with Lit;
// - aniapi-login.min.js: a page with the button, `<aniapi-login>` and the session;
// - aniapi-login-user.min.js: a page with the button and the card, `<aniapi-login>`,
//   `<aniapi-user>` and the session, with Lit once;
// - aniapi-callback.min.js: the callback page, `<aniapi-callback>` and the session;
// - aniapi-elements-popup.min.js: the same with popup sign-in lent first;
// - aniapi-popup.min.js: popup sign-in alone, without Lit, beside a page's other file
//   (`aniapi-login-user.min.js`): it lends the page's elements popup mode and exports
//   `signInWithPopup`;
// - aniapi-user.min.js: `./user` on its own, which shares the session with
//   either of the others through the global hub when a page loads both;
// - aniapi-messages-{it,fr,ja}.min.js: one language each, loaded beside them
//   (they register into the page's one message registry, so either may load first).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier settings of the single files; the size benchmark bundles every library with them too. */
export const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

/**
 * The single files' own settings: a second compress pass, and the private
 * `_names` of the package's classes shortened. None of them is read from outside
 * its file: objects shared with another copy of the package in the page have no
 * `_` names, and Lit's internals (`_$…`) are left alone.
 */
const singleFileTerserOptions = {
  ...terserOptions,
  compress: { passes: 2 },
  mangle: { properties: { regex: /^_[a-z]/ } },
};

/**
 * Lit keeps a fallback for browsers without constructable stylesheets (`<style>`
 * elements, a nonce, reading rules back as text). The browsers the package
 * supports all have them (it already needs `URL.canParse`), so the single files
 * tell Lit so, and the minifier drops the fallback. Lit's check is matched as
 * written in its pinned release: a Lit that writes it otherwise fails the build.
 */
const LIT_ADOPTS_STYLES = {
  name: 'lit-adopts-styles',
  transform(code, id) {
    if (!id.endsWith('/@lit/reactive-element/css-tag.js')) return null;
    const check =
      't.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype';
    if (!code.includes(check))
      this.error("Lit's check for constructable stylesheets has changed: update LIT_ADOPTS_STYLES.");
    return { code: code.replace(check, '!0'), map: null };
  },
};

/** The languages shipped besides English, each an entry point and a single file of its own. */
export const LANGUAGES = ['it', 'fr', 'ja'];

/** The single file a CDN serves at the package's own address: package.json's `jsdelivr` and `unpkg`. */
const CDN_FILE = 'aniapi-elements.min.js';

/** The single files, each built from dist/bundles/ (src/bundles/), the source named after it. */
export const SINGLE_FILES = [
  'aniapi-elements.min.js',
  'aniapi-login.min.js',
  'aniapi-login-user.min.js',
  'aniapi-callback.min.js',
  'aniapi-elements-popup.min.js',
  'aniapi-popup.min.js',
  'aniapi-user.min.js',
  ...LANGUAGES.map((lang) => `aniapi-messages-${lang}.min.js`),
];

/** The source of a single file, as tsc writes it: dist/bundles/aniapi-login.js for aniapi-login.min.js. */
const bundleSource = (file) => `dist/bundles/${file.replace(/(\.min)?\.js$/, '.js')}`;

/**
 * The elements' CSS ships as written in a `styleSheet(`…`)` call, indentation included,
 * which the minifier does not touch: the single files take it without the
 * spaces CSS does not need. Our own styles only: no strings or comments in them
 * depend on their spaces.
 */
const MINIFY_OUR_CSS = {
  name: 'minify-our-css',
  transform(code, id) {
    if (!id.includes('/dist/elements/')) return null;
    const minified = code.replace(/\bstyleSheet\(`([^`$]*)`\)/g, (_, text) => {
      const css = text
        .replace(/\s+/g, ' ')
        .replace(/\s*([{}:;,>])\s*/g, '$1')
        .replace(/;}/g, '}')
        .trim();
      return `styleSheet(\`${css}\`)`;
    });
    return minified === code ? null : { code: minified, map: null };
  },
};

/**
 * jsDelivr serves a package's short URL (`cdn.jsdelivr.net/npm/aniapi-elements@1`) as the file
 * package.json's `jsdelivr` field names, at that address, without a redirect. A relative import
 * from it then lands in another npm package's name (`npm/aniapi-elements-failure-view.min.js`),
 * which anyone may publish. So the file named there fetches its failure view only when the
 * address it was loaded from ends in its own name; otherwise a failure is told without it.
 */
const onlyBesideItself = (file) => ({
  name: 'only-beside-itself',
  renderDynamicImport: () => ({
    left: `(new URL(import.meta.url).pathname.endsWith(${JSON.stringify(`/${file}`)})?import(`,
    right: '):Promise.reject())',
  }),
});

export default [
  ...SINGLE_FILES.map((file) => ({
    input: bundleSource(file),
    // The entry may export a binding or two for its on-demand file: one file to load, not a facade and a chunk.
    preserveEntrySignatures: 'allow-extension',
    // What only a failure needs is a file of its own beside the single file (aniapi-callback-failure-view.min.js),
    // imported relative to it: from the same place, under the same policy, and only when a sign-in fails.
    output: {
      dir: 'dist',
      entryFileNames: file,
      chunkFileNames: file.replace(/\.min\.js$/, '-[name].min.js'),
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      MINIFY_OUR_CSS,
      LIT_ADOPTS_STYLES,
      ...(file === CDN_FILE ? [onlyBesideItself(file)] : []),
      terser(singleFileTerserOptions),
    ],
  })),
  // The pre-scrub: a classic script (no module, no imports) for the callback page's <head>.
  {
    input: bundleSource('aniapi-scrub.js'),
    // No source map: 0.9 kB of plain code reads as it is, and a map beside it would be one more file to copy.
    output: { file: 'dist/aniapi-scrub.js', format: 'iife' },
    plugins: [terser({ ...terserOptions, module: false })],
  },
];
