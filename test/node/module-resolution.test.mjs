// What the README says of TypeScript's moduleResolution, checked: an app beside the
// built package (node_modules/aniapi-elements, a link to it) compiles under each
// setting with the same consumer file. node16, nodenext and bundler read the
// exports map; node10 (`node`) reads only "types", so the entries below the root
// are TS2307.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The root entry's classes and the types of the entries that register elements of their own.
const CONSUMER = `import { AniapiLoginElement, getSession } from 'aniapi-elements';
import type { AniapiUserElement, AniapiUserStatus } from 'aniapi-elements';
import { fetchUser } from 'aniapi-elements/api';

export const login: typeof AniapiLoginElement = AniapiLoginElement;
export const signedIn = (): boolean => getSession() !== null;
export const status = (card: AniapiUserElement): AniapiUserStatus => card.status;
export const user = fetchUser;
`;

let app;
before(async () => {
  app = await mkdtemp(join(tmpdir(), 'aniapi-resolution-'));
  await mkdir(join(app, 'node_modules'));
  await symlink(root, join(app, 'node_modules', 'aniapi-elements'), 'dir');
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));
  await writeFile(join(app, 'app.ts'), CONSUMER);
});
after(() => app && rm(app, { recursive: true, force: true }));

/** The diagnostics of app.ts under `options`, as `TS<code> <text>` lines. */
function compile(options) {
  const program = ts.createProgram([join(app, 'app.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    ...options,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const { ModuleKind, ModuleResolutionKind } = ts;
const working = [
  ['node16', { module: ModuleKind.Node16, moduleResolution: ModuleResolutionKind.Node16 }],
  ['nodenext', { module: ModuleKind.NodeNext, moduleResolution: ModuleResolutionKind.NodeNext }],
  ['bundler', { module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler }],
];
for (const [name, options] of working) {
  test(`moduleResolution ${name} resolves every entry, AniapiUserElement's type from the root included`, () => {
    assert.deepEqual(compile(options), []);
  });
}

test('moduleResolution node10 reads no exports map: an entry below the root is TS2307', () => {
  const diagnostics = compile({
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.Node10,
    // TypeScript 6 deprecates node10 itself.
    ignoreDeprecations: '6.0',
  });
  assert.deepEqual(
    diagnostics.map((line) => line.slice(0, 6)),
    ['TS2307'],
  );
  assert.match(diagnostics[0], /'aniapi-elements\/api'/);
});

test("the root entry's JavaScript leaves <aniapi-user> out: its class is a type there", async () => {
  const index = await readFile(join(root, 'dist/index.js'), 'utf8');
  const specifiers = [...index.matchAll(/^(?:import|export)\b[^;]*?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  assert.ok(specifiers.includes('./login.js'), specifiers.join());
  assert.deepEqual(
    specifiers.filter((specifier) => /user/.test(specifier)),
    [],
  );
});
