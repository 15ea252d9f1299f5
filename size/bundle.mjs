// Writes the bundles that the size budgets (.size-limit.json) measure besides
// the single files, each built as the single files are (rollup, node-resolve,
// the same terser settings), for a bundler user's app:
// - all.js: the package entry's own code without Lit;
// - login.js, callback.js, session.js, api.js, expiry.js, popup.js, user.js: each entry point alone, without Lit
//   (what a bundler splits off to load on demand, such as the failure view, is counted in);
// - callback-success.js: ./callback without Lit and without its failure view, which a bundler splits off:
//   what a page with it loads when the sign-in succeeds;
// - session-use.js: the session as an app that only reads the token uses it: getToken, onChange and logout;
// - messages-it.js, messages-fr.js, messages-ja.js: each language entry alone,
//   with the registry code it brings, which is all a page pays to add it.
// The single files themselves, the pages' budgets, are measured where the build writes them.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { LANGUAGES, terserOptions } from '../rollup.config.mjs';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('out/', import.meta.url);
const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
// Lit, and the callback element's failure view (imported on demand, so a chunk of its own in a bundler's output).
const LIT_AND_FAILURE_VIEW = new RegExp(`${LIT.source}|/failure-view\\.js$`);

/**
 * Bundles `input` into one minified ES module and returns its code.
 * @param {string} input a path
 * @param {{ external?: RegExp, plugins?: import('rollup').Plugin[] }} [options]
 */
export async function bundleMinified(input, { external, plugins = [] } = {}) {
  const bundle = await rollup({
    input,
    external: external ? (id) => external.test(id) : [],
    plugins: [nodeResolve({ browser: true }), ...plugins, terser(terserOptions)],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

const BUNDLES = [
  ['all.js', 'index.js', LIT],
  ['login.js', 'login.js', LIT],
  ['callback.js', 'callback.js', LIT],
  ['callback-success.js', 'callback.js', LIT_AND_FAILURE_VIEW],
  ['session.js', 'session.js', LIT],
  ['api.js', 'api.js', LIT],
  ['expiry.js', 'expiry.js', LIT],
  ['popup.js', 'popup.js', LIT],
  ['user.js', 'user.js', LIT],
  ['session-use.js', '../size/session-use.js', LIT],
  ...LANGUAGES.map((lang) => [`messages-${lang}.js`, `languages/${lang}.js`, LIT]),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(out, { recursive: true });
  for (const [name, entry, external] of BUNDLES) {
    await writeFile(new URL(name, out), await bundleMinified(new URL(entry, dist).pathname, { external }));
  }
}
