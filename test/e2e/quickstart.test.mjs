// The README's quickstart, followed as a newcomer would in a fresh folder: install the packed
// package and jose, start the stand-in with the README's command, write the README's two
// pages as they are printed there, serve the folder, and sign in in Chromium until the card
// shows the user. The pages and the command are read from README.md, so the test fails when
// the README drifts from what works. Ports are free ones in place of 3000 and 8765, as the
// quickstart says to do when those are taken. It needs the npm registry (for Lit and jose)
// and skips, saying so, when the registry does not answer. Run after a build.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import sirv from 'sirv';
import { pack } from '../../scripts/check-package.mjs';
import { freePort } from '../launchers.mjs';
import { outsideEnv, registryUnreachable, run } from '../outside-project.mjs';
import { launchChromium, signIn } from './browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The README's quickstart: the stand-in's command and the two pages, as printed. */
export async function readQuickstart() {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const section = /^## Quickstart\n([\s\S]*?)^## /m.exec(readme)?.[1];
  assert.ok(section, 'README.md has no Quickstart section');
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({ lang, body }));
  const shell = blocks.filter((b) => b.lang === 'sh').flatMap((b) => b.body.trim().split('\n'));
  const [index, callback] = blocks.filter((b) => b.lang === 'html').map((b) => b.body);
  return {
    install: shell.find((line) => line.startsWith('npm install ')),
    standin: shell.find((line) => line.startsWith('npx aniapi-standin')),
    index,
    callback,
  };
}

let work;
let env;
let skip = '';
let packed;
let standin;
let site;
let browser;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'quickstart-'));
  // A folder outside this project, with nothing of npm test's own settings but the registry's.
  env = outsideEnv({ npm_config_fund: 'false', npm_config_audit: 'false' });
  skip = await registryUnreachable(work, env);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve()));
  // npx passes no signal on to the command it runs: stop the whole process group, as Ctrl-C does.
  if (standin && standin.exitCode === null) {
    const exited = new Promise((resolve) => standin.once('exit', resolve));
    try {
      process.kill(-standin.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  }
  await packed?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

test("the README's quickstart signs in, from a fresh folder with the packed package", async (t) => {
  if (skip) return t.skip(skip);
  const quickstart = await readQuickstart();
  assert.equal(quickstart.install, 'npm install aniapi-elements jose');
  assert.match(quickstart.standin, /^npx aniapi-standin --redirect-uri http:\/\/localhost:3000\/callback\.html$/);

  // 1. Install: the packed package (built by pretest) in place of the published one, and jose.
  packed = await pack({ build: false });
  const app = join(work, 'my-app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), '{ "name": "my-app", "private": true }\n');
  const jose = JSON.parse(await readFile(join(root, 'node_modules/jose/package.json'), 'utf8')).version;
  const install = await run('npm', ['install', packed.path, `jose@${jose}`], { cwd: app, env, timeout: 180_000 });
  assert.equal(install.code, 0, install.stderr);

  // 2. The stand-in, with the README's command on free ports.
  const [appPort, standinPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const standinUrl = `http://127.0.0.1:${standinPort}`;
  const args = quickstart.standin
    .replace('http://localhost:3000', appUrl)
    .split(' ')
    .slice(1)
    .concat(['--port', String(standinPort)]);
  standin = spawn('npx', args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let printed = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stand-in did not start: ${printed}`)), 60_000);
    const hear = (chunk) => {
      printed += chunk;
      if (printed.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    };
    standin.stdout.on('data', hear);
    standin.stderr.on('data', hear);
    standin.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}: ${printed}`)));
  });
  assert.match(printed, /demo user: demo@aniapi\.test \/ demo/);

  // 3. The two pages, as the README prints them, with the ports swapped.
  const port = (html) =>
    html.replaceAll('http://localhost:3000', appUrl).replaceAll('http://127.0.0.1:8765', standinUrl);
  await writeFile(join(app, 'index.html'), port(quickstart.index));
  await writeFile(join(app, 'callback.html'), port(quickstart.callback));

  // 4. Any static server for the folder.
  const serve = sirv(app, { dev: true, dotfiles: false });
  site = createServer((request, response) =>
    serve(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise((resolve) => site.listen(appPort, '127.0.0.1', resolve));

  // 5. Sign in, and come back to the card showing the user.
  browser = await launchChromium();
  const page = await browser.newPage();
  const failures = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
      failures.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${appUrl}/`);
  await page.locator('aniapi-login').getByRole('button', { name: 'Log in with AniAPI' }).click();
  await page.waitForURL(`${standinUrl}/v1/oauth?**`);
  await signIn(page);
  await page.waitForURL(`${appUrl}/`);
  await page.locator('aniapi-user').getByText('demo', { exact: true }).waitFor({ timeout: 15_000 });
  assert.equal(new URL(page.url()).hash, '');
  assert.ok(await page.evaluate(() => JSON.parse(sessionStorage.getItem('aniapi-elements.token'))?.accessToken));
  assert.deepEqual(failures, []);
});
