// The single-file build for plain HTML pages: the package's `.` entry with Lit
// inlined and minified, so `<script type="module" src=".../aniapi-elements.min.js">`
// works without a bundler or an import map. Its input is tsc's output in dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier settings of the single file; the size benchmark bundles every library with them too. */
export const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

export default {
  input: 'dist/index.js',
  output: {
    file: 'dist/aniapi-elements.min.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    terser(terserOptions),
  ],
};
