// Installs, type-checks and builds each project that adopts the package: the framework
// apps in demo/frameworks/ and test/fresh-vite/, a newcomer's Vite vanilla-TypeScript
// page. Each has its own lockfile and toolchain, so that the root install stays lean.
// APPS=vue,fresh-vite narrows it.
//
// The projects go side by side, JOBS steps (installs, checks, builds) at a time. Each
// step's output is printed when it ends, every line after its project's name, with how
// long the step took; a failed step shows its output and names its project, and the run
// goes on with the others before it fails.
//
// They install the package as its users do: from the tarball `npm pack` makes, never
// from the tree. pack() writes it once to .pack/aniapi-elements.tgz, a fixed path that
// each project's package.json names ("file:…/.pack/aniapi-elements.tgz"). npm pack runs
// the prepack script (npm run build) first, so the tarball is made as `npm publish`
// would make it, by the same lifecycle, and never from a stale dist/.
//
// The lockfiles: npm records an integrity hash for a file: tarball, and it changes with
// every build, so a committed one would make the next `npm ci` refuse the tarball
// (EINTEGRITY). Each lockfile therefore keeps its aniapi-elements entry without
// "integrity": npm ci takes the tarball as it is and checks every other package against
// its pinned version and hash. npm ci never writes the lockfile, so a run leaves the
// tree as committed. A plain `npm install` in a project writes the hash back, and the
// package's own dependencies may change: checkLock() refuses either, and
// `node scripts/apps.mjs --relock` mends them (it runs npm install in each project,
// then drops the hash).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where pack() writes the tarball: git-ignored, and named in each project's package.json. */
export const TARBALL = `${ROOT}.pack/aniapi-elements.tgz`;

/** Each project by name: its folder, from the package root. */
const PROJECTS = {
  vue: 'demo/frameworks/vue/',
  svelte: 'demo/frameworks/svelte/',
  angular: 'demo/frameworks/angular/',
  react: 'demo/frameworks/react/',
  next: 'demo/frameworks/next/',
  astro: 'demo/frameworks/astro/',
  'fresh-vite': 'test/fresh-vite/',
};
const chosen = process.env.APPS ? process.env.APPS.split(',') : Object.keys(PROJECTS);
for (const name of chosen)
  if (!(name in PROJECTS)) throw new Error(`APPS names ${name}: not one of ${Object.keys(PROJECTS)}`);

/** How many steps (installs, checks, builds) run at once: APPS_JOBS, or one per core. */
const JOBS = Number(process.env.APPS_JOBS) || availableParallelism();

/** The chosen projects, with their folders as absolute paths. */
export const PROJECT_DIRS = Object.fromEntries(chosen.map((name) => [name, `${ROOT}${PROJECTS[name]}`]));
/** The chosen framework apps, each of which goes through the round trip in test/apps/frameworks.test.mjs. */
export const APPS = chosen.filter((name) => PROJECTS[name].startsWith('demo/frameworks/'));

if (import.meta.url === `file://${process.argv[1]}`) {
  const relock = process.argv.includes('--relock');
  const build = !process.argv.includes('--no-build');
  const start = performance.now();
  await step('aniapi-elements', 'npm pack', () => pack({ build })).catch(() => process.exit(1));
  // Every step keeps a core busy or more (npm ci too, from npm's warm cache), and most use
  // only one: JOBS steps at a time, of any projects, keep the cores full without
  // crowding them.
  const slot = pool(JOBS);
  const names = Object.keys(PROJECT_DIRS);
  const outcomes = await Promise.allSettled(names.map((name) => prepare(name, relock, slot)));
  const failed = names.filter((_, index) => outcomes[index].status === 'rejected');
  const total = `${names.length} projects in ${seconds(start)} s (${JOBS} steps at a time)`;
  if (failed.length > 0) fail(`FAILED: ${failed.join(', ')}; ${total}`);
  console.log(`ready: ${total}`);
}

/**
 * Installs, type-checks and builds one project, each step after the one before and in a
 * `slot`; rejects at the first that fails.
 */
async function prepare(name, relock, slot) {
  const cwd = PROJECT_DIRS[name];
  if (relock) await slot(() => step(name, 'npm install', () => relockProject(cwd)));
  const problem = checkLock(cwd);
  if (problem) {
    console.error(`${name}: ${problem}; node scripts/apps.mjs --relock mends it`);
    throw new Error(problem);
  }
  await slot(() => step(name, 'npm ci', () => npm(['ci', '--no-audit', '--no-fund'], cwd)));
  await slot(() => step(name, 'npm run check', () => npm(['run', 'check'], cwd)));
  await slot(() => step(name, 'npm run build', () => npm(['run', 'build'], cwd)));
}

/**
 * Packs the package into TARBALL, building it first through its prepack script; with
 * `build` false, from the dist/ there is (`--no-build`: .ci/run, right after npm test built it).
 */
async function pack({ build = true } = {}) {
  const dir = `${ROOT}.pack/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const output = await npm(['pack', '--pack-destination', dir, ...(build ? [] : ['--ignore-scripts'])], ROOT);
  const made = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  if (made.length !== 1) throw stepError(`npm pack made ${made.join(', ') || 'nothing'} in .pack/`, output);
  renameSync(`${dir}${made[0]}`, TARBALL);
  return output;
}

/**
 * Why the lockfile in `cwd` would not install this tarball as committed, or null: its
 * aniapi-elements entry must name the tarball, hold no integrity hash, and carry the
 * version and dependencies of the package as it is now.
 */
export function checkLock(cwd) {
  const lock = JSON.parse(readFileSync(`${cwd}package-lock.json`, 'utf8'));
  const entry = lock.packages['node_modules/aniapi-elements'];
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  const wanted = JSON.parse(readFileSync(`${cwd}package.json`, 'utf8')).dependencies['aniapi-elements'];
  if (!entry) return 'its package-lock.json has no aniapi-elements';
  if (entry.resolved !== wanted)
    return `its package-lock.json has aniapi-elements from ${entry.resolved}, not ${wanted}`;
  if ('integrity' in entry)
    return "its package-lock.json keeps the tarball's integrity hash, which every build changes";
  for (const field of ['version', 'dependencies', 'peerDependencies']) {
    if (!isDeepStrictEqual(entry[field], manifest[field])) {
      return `its package-lock.json has another aniapi-elements ${field} than package.json`;
    }
  }
  return null;
}

/** Brings the lockfile in `cwd` up to the tarball, with every other package kept as pinned. */
async function relockProject(cwd) {
  // Named, the package is installed again from the tarball: a bare `npm install` finds the tree up to date and
  // keeps the lockfile's record of the package's dependencies as it was.
  const wanted = JSON.parse(readFileSync(`${cwd}package.json`, 'utf8')).dependencies['aniapi-elements'];
  const output = await npm(['install', '--no-audit', '--no-fund', `aniapi-elements@${wanted}`], cwd);
  const path = `${cwd}package-lock.json`;
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  delete lock.packages['node_modules/aniapi-elements'].integrity;
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  return output;
}

/** Runs npm in `cwd`; resolves to what it wrote (stdout and stderr, as they came), or rejects with it. */
function npm(args, cwd) {
  const child = spawn('npm', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NG_CLI_ANALYTICS: 'false', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(stepError(error.message, '')));
    child.on('close', (status) => {
      const output = Buffer.concat(chunks).toString();
      if (status === 0) resolve(output);
      else reject(stepError(`npm ${args.join(' ')} exited with ${status}`, output));
    });
  });
}

/** The error of a step that failed, with what the step wrote. */
function stepError(message, output) {
  return Object.assign(new Error(message), { output });
}

/**
 * Runs `run`, then prints what it wrote, each line after the project's name, and how long
 * it took: the lines of one step stay together while other projects' steps run.
 */
async function step(name, what, run) {
  const start = performance.now();
  try {
    report(name, await run());
    console.log(`${name}: ${what} passed in ${seconds(start)} s`);
  } catch (error) {
    report(name, error.output ?? '');
    console.error(`${name}: ${what} FAILED in ${seconds(start)} s: ${error.message}`);
    throw error;
  }
}

/** Prints a step's output, each line after the name of its project, the names padded to one width. */
function report(name, output) {
  const width = Math.max(...['aniapi-elements', ...Object.keys(PROJECTS)].map((project) => project.length));
  for (const line of output.trimEnd().split('\n')) if (line) console.log(`${name.padEnd(width)} | ${line}`);
}

/** Runs at most `size` tasks at a time; the others wait their turn, first come first served. */
function pool(size) {
  let running = 0;
  const waiting = [];
  return async (task) => {
    if (running < size) running++;
    // A task that ends hands its place straight to the next one waiting.
    else await new Promise((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

function seconds(start) {
  return ((performance.now() - start) / 1000).toFixed(1);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
