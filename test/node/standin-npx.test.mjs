// The npx line of the docs, outside any project: `npx -p aniapi-elements -p jose aniapi-standin`,
// with the packed package in place of the published one. It needs the npm registry (for jose
// and Lit) and skips, saying so, when the registry does not answer. Run after a build.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pack } from '../../scripts/check-package.mjs';
import { outsideEnv, registryUnreachable, run } from '../outside-project.mjs';

const windows = process.platform === 'win32';
const NPX_LINE = 'npx -p aniapi-elements -p jose aniapi-standin';

let work;
let env;
let tarball;
let packed;
let skip = false;

/** Runs a command outside this project. */
const runOutside = (command, args, options) => run(command, args, { env, ...options });

/** Whether a process (or, negative, a process group) is still there. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

before(async () => {
  if (windows) {
    skip = 'stops the server through its process group, which Windows lacks';
    return;
  }
  work = await mkdtemp(join(tmpdir(), 'standin-npx-'));
  // Outside any project, with a cache of its own, so that npx installs this very tarball and not one it ran before.
  env = outsideEnv({ npm_config_cache: join(work, 'cache') });
  skip = await registryUnreachable(work, env);
  if (skip) return;
  // The build is done (pretest): pack what is in dist/ without building again.
  packed = await pack({ build: false });
  tarball = packed.path;
});
after(async () => {
  await packed?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npx -p aniapi-elements -p jose aniapi-standin, outside a project', { timeout: 120_000 }, () => {
  let empty;
  before(async () => {
    if (!skip) empty = await mkdtemp(join(work, 'empty-'));
  });

  test('--help', async (t) => {
    if (skip) return t.skip(skip);
    const { code, stdout, stderr } = await runOutside(
      'npx',
      ['-y', '-p', tarball, '-p', 'jose', 'aniapi-standin', '--help'],
      {
        cwd: empty,
      },
    );
    assert.equal(code, 0, stderr);
    assert.ok(stdout.includes(NPX_LINE));
  });

  test('runs the stand-in: a sign-in gives a token that /v1/auth/me takes; Ctrl-C stops it', async (t) => {
    if (skip) return t.skip(skip);
    const child = spawn('npx', ['-y', '-p', tarball, '-p', 'jose', 'aniapi-standin', '--port', '0'], {
      cwd: empty,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // npm does not pass signals on to the command: stop the whole group, as Ctrl-C does.
    const group = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    t.after(() => group('SIGKILL'));
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Press Ctrl-C to stop.')) resolve(/listening at (\S+)/.exec(output)[1]);
      });
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const params = new URLSearchParams({
      response_type: 'token',
      client_id: /client "[^"]+": (\S+),/.exec(output)[1],
      redirect_uri: 'http://localhost:8000/callback.html',
    });
    const { data } = await (
      await fetch(`${url}/v1/oauth?${params}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'demo@aniapi.test', password: 'demo', g_recaptcha_response: '' }),
      })
    ).json();
    const token = /access_token=([^&]+)/.exec(data)[1];
    const me = await fetch(`${url}/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).data.username, 'demo');
    group('SIGINT');
    await exited;
    for (let i = 0; i < 50 && alive(-child.pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(alive(-child.pid), false, 'the stand-in and npm stopped');
    await assert.rejects(fetch(url), 'the server stopped');
  });

  test('without -p jose: one line that gives the npx line, and exit code 3', async (t) => {
    if (skip) return t.skip(skip);
    const { code, stdout, stderr } = await runOutside('npx', ['-y', '-p', tarball, 'aniapi-standin'], { cwd: empty });
    assert.equal(code, 3, stderr);
    assert.equal(stdout, '');
    // Leaving aside any "npm warn" of npm's own.
    const lines = stderr.split('\n').filter((line) => line && !line.startsWith('npm '));
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], /^aniapi-standin needs the jose package: npm install --save-dev jose \(outside a project: /);
    assert.ok(lines[0].includes(NPX_LINE));
  });
});
