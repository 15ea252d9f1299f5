// The single-file builds for plain HTML pages, each an entry with Lit inlined and
// minified, so `<script type="module" src=".../aniapi-elements.min.js">` works
// without a bundler or an import map: the package's `.` entry, and `./user` on its
// own, which shares the session with the first through the global hub when a
// page loads both. Their input is tsc's output in dist/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier settings of the single files; the size benchmark bundles every library with them too. */
export const terserOptions = { ecma: 2022, module: true, format: { comments: false } };

const singleFile = (input, file) => ({
  input,
  output: {
    file,
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true }),
    terser(terserOptions),
  ],
});

export default [
  singleFile('dist/index.js', 'dist/aniapi-elements.min.js'),
  singleFile('dist/user.js', 'dist/aniapi-user.min.js'),
];
