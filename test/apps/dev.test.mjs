// `npm run dev` serves the pre-scrub as the build does. Vite and Astro serve public/ as it
// is, so each project copies the package's aniapi-scrub.js there before `dev` (predev) as
// before `build`: docs/frameworks.md's recipe. This starts each chosen project's dev server
// with the copy gone, as on a fresh clone, and asks it for its pages and the file.
// npm run test:apps installs the projects first; APPS=astro,vue narrows it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { PROJECT_DIRS } from '../../scripts/apps.mjs';

const preScrub = readFileSync(new URL('../../dist/aniapi-scrub.js', import.meta.url));

// The pages that load the pre-scrub: in a single-page app or an Astro site, every page; in
// test/fresh-vite/, whose two pages are plain HTML, the callback page.
const PAGES = { 'fresh-vite': ['/callback.html'] };

const withDev = Object.entries(PROJECT_DIRS).filter(
  ([, dir]) => JSON.parse(readFileSync(`${dir}package.json`, 'utf8')).scripts.dev !== undefined,
);

describe('npm run dev', () => {
  for (const [name, dir] of withDev) {
    test(`${name}: serves the package's aniapi-scrub.js, the first classic script of each page`, async () => {
      rmSync(`${dir}public/aniapi-scrub.js`, { force: true });
      const server = await startDev(dir);
      try {
        for (const path of PAGES[name] ?? ['/', '/callback']) {
          const response = await fetch(`${server.url}${path}`);
          assert.equal(response.status, 200, path);
          const html = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
          // The dev server adds its own scripts to the head: modules, which run after every
          // classic script, and (Astro) an inline one after ours. The pre-scrub runs first.
          const classic = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/\btype="module"/.test(tag));
          assert.equal(classic[0], '<script src="/aniapi-scrub.js">', `the first classic script of ${path}`);
          assert.ok(html.indexOf(classic[0]) < html.indexOf('</head>'), `the pre-scrub of ${path} is in the head`);
        }
        const response = await fetch(`${server.url}/aniapi-scrub.js`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/javascript\b/);
        assert.ok(Buffer.from(await response.arrayBuffer()).equals(preScrub), 'not the package file, byte for byte');
      } finally {
        await server.close();
      }
    });
  }
});

/**
 * Runs `npm run dev` in `dir` and resolves once the server prints its address. Its own
 * process group, so that close() ends npm and the server that npm started.
 */
function startDev(dir) {
  const child = spawn('npm', ['run', 'dev'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      close();
      reject(new Error(`npm run dev printed no address in 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk) => {
      output += chunk;
      // Vite: "Local:   http://localhost:5173/"; Astro: "Local    http://localhost:4321/".
      // With CI set, both print in colour even to a pipe.
      const url = stripVTControlCharacters(output).match(/Local:?\s+(http:\/\/localhost:\d+)\//)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', read);
      resolve({ url, close });
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run dev exited with ${code}:\n${output}`));
    });
  });
}
