// React and React DOM for the browser tests of aniapi-elements/react. React ships CommonJS
// only, whose named exports (`createElement`, `forwardRef`, …) a dev server that serves files
// one by one cannot give: only a bundler can. So this plugin bundles React, React DOM and its
// client with esbuild into one ES module, one copy of React for all three, and serves each
// specifier as a small module that names the exports the package has when Node requires it
// (in a Node of its own: React's development build patches the console, the runner's among it).
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const SPECIFIERS = ['react', 'react-dom', 'react-dom/client'];
const PATH = '/__react/';
const BUNDLE = `${PATH}bundle.js`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The web-test-runner plugin: `react`, `react-dom` and `react-dom/client` as ES modules, in their development builds. */
export function reactModulesPlugin() {
  let bundle;
  return {
    name: 'react-modules',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return `${PATH}${source}.js`;
    },
    async serve(context) {
      if (context.path === BUNDLE) {
        bundle ??= build({
          stdin: {
            contents: SPECIFIERS.map((specifier, i) => `export { default as m${i} } from '${specifier}';`).join('\n'),
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          write: false,
          define: { 'process.env.NODE_ENV': '"development"' },
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      const index = SPECIFIERS.findIndex((specifier) => context.path === `${PATH}${specifier}.js`);
      if (index < 0) return undefined;
      const names = exportsOf(SPECIFIERS[index]).filter((name) => IDENTIFIER.test(name) && name !== 'default');
      const body = `import { m${index} as m } from '${BUNDLE}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
      return { body, type: 'js' };
    },
  };
}

const exportNames = new Map();

/** The names a CommonJS package exports, as a new Node process requires it; asked once per package. */
function exportsOf(specifier) {
  if (!exportNames.has(specifier)) {
    const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
    exportNames.set(specifier, JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  }
  return exportNames.get(specifier);
}
