// The single files for plain HTML pages, each with its imports inlined and
// minified, so that `<script type="module" src=".../aniapi-elements.min.js">`
// works without a bundler or an import map:
// - aniapi-elements.min.js: the package's `.` entry with Lit;
// - aniapi-messages-{it,fr,ja}.min.js: one language each, loaded beside it
//   (they register into the page's one message registry, so either may load first).
// Their input is tsc's output in dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier settings of the single file; the size benchmark bundles every library with them too. */
export const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

/** The languages shipped besides English, each an entry point and a single file of its own. */
export const LANGUAGES = ['it', 'fr', 'ja'];

const singleFile = (input, file) => ({
  input,
  output: { file, format: 'es', sourcemap: true },
  plugins: [nodeResolve({ browser: true }), terser(terserOptions)],
});

export default [
  singleFile('dist/index.js', 'dist/aniapi-elements.min.js'),
  ...LANGUAGES.map((lang) => singleFile(`dist/messages/${lang}.js`, `dist/aniapi-messages-${lang}.min.js`)),
];
