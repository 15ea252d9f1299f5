// The single-file build for plain HTML pages: the package's `.` entry with Lit
// inlined and minified, so `<script type="module" src=".../aniapi-elements.min.js">`
// works without a bundler or an import map. Its input is tsc's output in dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'dist/index.js',
  output: {
    file: 'dist/aniapi-elements.min.js',
    format: 'es',
    sourcemap: true,
  },
  onwarn(warning, warn) {
    // tsc's decorator helper starts with `this && this.__decorate`; at module top level `this` is undefined, as intended.
    if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
  },
  plugins: [
    nodeResolve({ browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
