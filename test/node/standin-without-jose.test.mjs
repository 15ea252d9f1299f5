// The stand-in where jose, its optional peer dependency, is not installed: a project in a
// temp directory whose node_modules holds aniapi-elements (its package.json and
// dist/standin/, which imports node: builtins and jose only) and nothing else.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CODE = 'ERR_ANIAPI_STANDIN_NO_JOSE';
const MESSAGE = 'aniapi-elements/standin needs the jose package: npm install --save-dev jose';
const CLI_LINE =
  'aniapi-standin needs the jose package: npm install --save-dev jose' +
  ' (outside a project: npx -p aniapi-elements -p jose aniapi-standin)';
const NPX_LINE = 'npx -p aniapi-elements -p jose aniapi-standin';
const FLAGS = [
  '--port',
  '--host',
  '--config',
  '--redirect-uri',
  '--token-lifetime',
  '--rate-limit',
  '--delay',
  '--help',
];

/** Runs node with `args` in `cwd`; resolves its exit code and output, whatever the code. */
function node(args, cwd) {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** The node_modules/jose in dir or above it, where Node would find it, or null. */
function joseAbove(dir) {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', 'jose'))) return join(at, 'node_modules', 'jose');
    if (dirname(at) === at) return null;
  }
}

let project;
let cli;
let skip = false;
before(async () => {
  project = await mkdtemp(join(tmpdir(), 'standin-no-jose-'));
  const found = joseAbove(project);
  if (found) skip = `jose is installed above the temp directory, at ${found}`;
  const pkg = join(project, 'node_modules', 'aniapi-elements');
  await mkdir(join(pkg, 'dist'), { recursive: true });
  await cp(join(root, 'package.json'), join(pkg, 'package.json'));
  await cp(join(root, 'dist', 'standin'), join(pkg, 'dist', 'standin'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'no-jose', private: true, type: 'module' }));
  cli = join(pkg, 'dist', 'standin', 'cli.js');
});
after(() => rm(project, { recursive: true, force: true }));

describe('aniapi-elements/standin without jose', () => {
  test('importing it throws one sentence that says to install jose, with a code and the cause', async (t) => {
    if (skip) return t.skip(skip);
    const script = `import('aniapi-elements/standin').then(
      () => console.log('loaded'),
      (e) => console.log(JSON.stringify({ message: e.message, code: e.code, cause: e.cause?.code, name: e.name })),
    );`;
    const { code, stdout } = await node(['--input-type=module', '-e', script], project);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      message: MESSAGE,
      code: CODE,
      cause: 'ERR_MODULE_NOT_FOUND',
      name: 'Error',
    });
  });

  test('left uncaught, Node prints that message and code', async (t) => {
    if (skip) return t.skip(skip);
    const { code, stderr } = await node(['--input-type=module', '-e', "import 'aniapi-elements/standin';"], project);
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`^Error: ${MESSAGE}$`, 'm'));
    assert.match(stderr, new RegExp(`code: '${CODE}'`));
  });

  test('a jose that is there but broken is not reported as missing', async (t) => {
    if (skip) return t.skip(skip);
    const broken = await mkdtemp(join(tmpdir(), 'standin-broken-jose-'));
    t.after(() => rm(broken, { recursive: true, force: true }));
    await cp(join(project, 'node_modules'), join(broken, 'node_modules'), { recursive: true });
    await cp(join(project, 'package.json'), join(broken, 'package.json'));
    const jose = join(broken, 'node_modules', 'jose');
    await mkdir(jose);
    await writeFile(
      join(jose, 'package.json'),
      JSON.stringify({ name: 'jose', version: '6.0.0', type: 'module', exports: './gone.js' }),
    );
    const script = `import('aniapi-elements/standin').catch((e) => console.log(JSON.stringify({ code: e.code })));`;
    const imported = await node(['--input-type=module', '-e', script], broken);
    assert.deepEqual(JSON.parse(imported.stdout), { code: 'ERR_MODULE_NOT_FOUND' });
    const run = await node([join(broken, 'node_modules', 'aniapi-elements', 'dist', 'standin', 'cli.js')], broken);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^aniapi-standin: Cannot find module .*gone\.js/);
  });
});

describe('aniapi-standin without jose', () => {
  test('prints one line, no usage and no stack, and exits 3', async (t) => {
    if (skip) return t.skip(skip);
    for (const args of [[], ['--port', '0', '--redirect-uri', 'http://localhost:5173/cb']]) {
      const { code, stdout, stderr } = await node([cli, ...args], project);
      assert.equal(code, 3, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr, `${CLI_LINE}\n`);
      assert.doesNotMatch(stderr, /^\s+at /m);
    }
  });

  test('still answers a bad flag with its usage and exit code 2', async (t) => {
    if (skip) return t.skip(skip);
    const { code, stderr } = await node([cli, '--port', 'eighty'], project);
    assert.equal(code, 2);
    assert.match(stderr, /^aniapi-standin: --port must be a whole number\.\nUsage: aniapi-standin/);
  });

  test('--help works, says it needs jose and gives the npx line, and describes every flag', async (t) => {
    if (skip) return t.skip(skip);
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await node([cli, flag], project);
      assert.equal(code, 0, stderr);
      assert.equal(stderr, '');
      assert.match(stdout, /^Usage: aniapi-standin/);
      assert.match(stdout, /needs the jose package/);
      assert.ok(stdout.includes(NPX_LINE), 'the npx line for outside a project');
      assert.ok(stdout.includes('npm install --save-dev aniapi-elements jose, then npx aniapi-standin'));
      assert.match(stdout, /Exit codes: 0 stopped, 1 could not start, 2 bad flag, 3 jose not installed\./);
      for (const name of FLAGS) assert.match(stdout, new RegExp(`^ {2}(-h, )?${name}\\b`, 'm'), name);
    }
  });
});
