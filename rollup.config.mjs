// The single files for plain HTML pages, each with its imports inlined and
// minified, so that `<script type="module" src=".../aniapi-elements.min.js">`
// works without a bundler or an import map. Their inputs are tsc's output in dist/.
// - aniapi-elements.min.js: the package's `.` entry with Lit;
// - aniapi-elements-popup.min.js: the same with popup sign-in lent first;
// - aniapi-user.min.js: `./user` on its own, which shares the session with
//   either of the others through the global hub when a page loads both;
// - aniapi-messages-{it,fr,ja}.min.js: one language each, loaded beside them
//   (they register into the page's one message registry, so either may load first).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier settings of the single files; the size benchmark bundles every library with them too. */
export const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

/** The languages shipped besides English, each an entry point and a single file of its own. */
export const LANGUAGES = ['it', 'fr', 'ja'];

/** Each single file and the tsc output it is built from. */
export const SINGLE_FILES = [
  ['aniapi-elements.min.js', 'index.js'],
  ['aniapi-elements-popup.min.js', 'with-popup.js'],
  ['aniapi-user.min.js', 'user.js'],
  ...LANGUAGES.map((lang) => [`aniapi-messages-${lang}.min.js`, `messages/${lang}.js`]),
];

export default SINGLE_FILES.map(([file, input]) => ({
  input: `dist/${input}`,
  output: { file: `dist/${file}`, format: 'es', sourcemap: true },
  plugins: [nodeResolve({ browser: true }), terser(terserOptions)],
}));
