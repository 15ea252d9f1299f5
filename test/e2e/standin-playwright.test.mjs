// The Playwright Test recipe of docs/standin.md, run as printed there: each of its code blocks
// becomes the file its first line names, in a project in a temporary folder that finds
// aniapi-elements (this checkout, built), @playwright/test and sirv through node_modules links,
// and @playwright/test runs it in Debian's Chromium. So the recipe fails here when it stops
// working. No browser is downloaded. Run after a build.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { requireBrowsers } from '../browsers.mjs';
import { chromiumPath } from '../chromium.mjs';

// Without Chromium, one line rather than a failed run of Playwright's.
requireBrowsers(['chromium']);

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The recipe's files, `{ path, text }`: each code block of its section, named by its first line. */
export async function readRecipe() {
  const doc = await readFile(join(root, 'docs/standin.md'), 'utf8');
  const section = /^### A Playwright Test recipe\n([\s\S]*?)(?=^#{1,3} |$(?![\s\S]))/m.exec(doc)?.[1];
  assert.ok(section, 'docs/standin.md has no "A Playwright Test recipe" section');
  return [...section.matchAll(/```\w+\n([\s\S]*?)```/g)].map(([, text]) => {
    const path = /^(?:\/\/ |<!-- )(\S+?)(?: -->)?\n/.exec(text)?.[1];
    assert.ok(path, `a block of the recipe names no file: ${text.slice(0, 80)}`);
    return { path, text };
  });
}

/** The project's own config: Debian's Chromium, as every test here starts it. */
const CONFIG = `import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  reporter: 'line',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    launchOptions: {
      executablePath: ${JSON.stringify(chromiumPath)},
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
`;

/** Runs `node args` in `cwd` until it exits; resolves its exit code and output. */
function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output });
    });
  });
}

test("docs/standin.md's Playwright Test recipe signs in, and starts signed in, with @playwright/test", async (t) => {
  const files = await readRecipe();
  assert.deepEqual(
    files.map((f) => f.path),
    ['tests/fixtures.js', 'tests/login.spec.js', 'tests/app/index.html', 'tests/app/callback.html'],
  );
  const project = await mkdtemp(join(tmpdir(), 'standin-playwright-'));
  t.after(() => rm(project, { recursive: true, force: true }));
  await writeFile(join(project, 'package.json'), '{ "name": "my-app", "private": true, "type": "module" }\n');
  await writeFile(join(project, 'playwright.config.js'), CONFIG);
  for (const { path, text } of files) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), text);
  }
  // What `npm install --save-dev aniapi-elements jose @playwright/test sirv` would give it.
  await mkdir(join(project, 'node_modules/@playwright'), { recursive: true });
  await symlink(root, join(project, 'node_modules/aniapi-elements'), 'dir');
  for (const name of ['@playwright/test', 'sirv']) {
    await symlink(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }

  const cli = join(root, 'node_modules/@playwright/test/cli.js');
  const { code, output } = await run([cli, 'test', '-c', 'playwright.config.js'], project);
  assert.equal(code, 0, output);
  assert.match(output, /\b2 passed\b/, output);
});
