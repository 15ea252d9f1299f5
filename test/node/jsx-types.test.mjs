// The React, Preact and Solid typings (aniapi-elements/react, /preact, /solid) are held to
// real use: tsc type-checks a small app for each, test/types/<framework>/app.tsx, against
// the built dist/frameworks/*.d.ts and the framework's own JSX types. Its right usages must
// pass and its wrong ones (store="cookie", a detail member that does not exist), each marked
// @ts-expect-error, must fail, or tsc reports the unused directive and this test fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';

const root = new URL('../../', import.meta.url);
const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root));

const FIXTURES = {
  react: { jsx: 'react-jsx', jsxImportSource: 'react' },
  preact: { jsx: 'react-jsx', jsxImportSource: 'preact' },
  solid: { jsx: 'preserve', jsxImportSource: 'solid-js' },
};

for (const [framework, jsx] of Object.entries(FIXTURES)) {
  test(`the ${framework} typings accept the elements' API and refuse wrong values`, () => {
    const project = fileURLToPath(new URL(`test/types/${framework}/tsconfig.json`, root));
    const { config, error } = ts.readConfigFile(project, ts.sys.readFile);
    assert.equal(error, undefined);
    // Library types are checked too, so an error inside the generated .d.ts is not skipped.
    assert.equal(config.compilerOptions.skipLibCheck, false);
    assert.equal(config.compilerOptions.jsx, jsx.jsx);
    assert.equal(config.compilerOptions.jsxImportSource, jsx.jsxImportSource);
    const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd: fileURLToPath(root), encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc -p test/types/${framework}:\n${run.stdout}${run.stderr}`);
  });
}
