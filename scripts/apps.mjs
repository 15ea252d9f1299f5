// Installs, type-checks and builds each project that adopts the package: the framework
// apps in demo/frameworks/ and test/fresh-vite/, a newcomer's Vite vanilla-TypeScript
// page. Each has its own lockfile and toolchain, so that the root install stays lean.
// Prints how long each step took. APPS=vue,fresh-vite narrows it.
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
import { spawnSync } from 'node:child_process';
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
  'fresh-vite': 'test/fresh-vite/',
};
const chosen = process.env.APPS ? process.env.APPS.split(',') : Object.keys(PROJECTS);
for (const name of chosen)
  if (!(name in PROJECTS)) throw new Error(`APPS names ${name}: not one of ${Object.keys(PROJECTS)}`);

/** The chosen projects, with their folders as absolute paths. */
export const PROJECT_DIRS = Object.fromEntries(chosen.map((name) => [name, `${ROOT}${PROJECTS[name]}`]));
/** The chosen framework apps, each of which goes through the round trip in test/apps/frameworks.test.mjs. */
export const APPS = chosen.filter((name) => PROJECTS[name].startsWith('demo/frameworks/'));

if (import.meta.url === `file://${process.argv[1]}`) {
  const relock = process.argv.includes('--relock');
  timed('aniapi-elements', 'npm pack', pack);
  for (const [name, cwd] of Object.entries(PROJECT_DIRS)) {
    if (relock) timed(name, 'npm install', () => relockProject(cwd));
    const problem = checkLock(cwd);
    if (problem) fail(`${name}: ${problem}; node scripts/apps.mjs --relock mends it`);
    for (const args of [
      ['ci', '--no-audit', '--no-fund'],
      ['run', 'check'],
      ['run', 'build'],
    ]) {
      timed(name, `npm ${args.join(' ')}`, () => npm(args, cwd));
    }
  }
}

/** Packs the package into TARBALL, building it first through its prepack script. */
function pack() {
  const dir = `${ROOT}.pack/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  npm(['pack', '--pack-destination', dir], ROOT);
  const made = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  if (made.length !== 1) fail(`npm pack made ${made.join(', ') || 'nothing'} in .pack/`);
  renameSync(`${dir}${made[0]}`, TARBALL);
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
function relockProject(cwd) {
  npm(['install', '--no-audit', '--no-fund'], cwd);
  const path = `${cwd}package-lock.json`;
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  delete lock.packages['node_modules/aniapi-elements'].integrity;
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}

function npm(args, cwd) {
  const { status } = spawnSync('npm', args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (status !== 0) throw new Error(`npm ${args.join(' ')} exited with ${status}`);
}

function timed(name, what, step) {
  const start = performance.now();
  const seconds = () => ((performance.now() - start) / 1000).toFixed(1);
  try {
    step();
  } catch (error) {
    fail(`${name}: ${what} FAILED in ${seconds()} s: ${error.message}`);
  }
  console.log(`${name}: ${what} passed in ${seconds()} s`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
