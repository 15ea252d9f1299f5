// Installs, type-checks and builds each project that adopts the package: the framework
// apps in demo/frameworks/ and test/fresh-vite/, a newcomer's Vite vanilla-TypeScript
// page. Each has its own lockfile and toolchain, so that the root install stays lean.
// APPS=vue,fresh-vite narrows it.
//
// The projects go side by side through concurrently, JOBS at a time, each project's install,
// check and build one after the other. Each project's output is printed whole, every line
// after its name, and the run ends with how long each took; a project that fails is named,
// and the others go on before the run fails.
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
// `node scripts/apps.mjs --relock` mends them (it installs the tarball again in each
// project, then drops the hash).
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { pack as npmPack } from '@publint/pack';
import { concurrently } from 'concurrently';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where pack() writes the tarball: git-ignored, and named in each project's package.json. */
export const TARBALL = `${ROOT}.pack/aniapi-elements.tgz`;

/**
 * Each project by name: its folder, from the package root. The longest to install, check and
 * build come first (55 s for Angular down to 10 s for the fresh page, on two cores on
 * 2026-12-06), so that the short ones fill in at the end instead of a long one running alone.
 */
const PROJECTS = {
  angular: 'demo/frameworks/angular/',
  next: 'demo/frameworks/next/',
  astro: 'demo/frameworks/astro/',
  svelte: 'demo/frameworks/svelte/',
  vue: 'demo/frameworks/vue/',
  react: 'demo/frameworks/react/',
  'fresh-vite': 'test/fresh-vite/',
};
const chosen = process.env.APPS ? process.env.APPS.split(',') : Object.keys(PROJECTS);
for (const name of chosen)
  if (!(name in PROJECTS)) throw new Error(`APPS names ${name}: not one of ${Object.keys(PROJECTS)}`);

/** How many projects go at once: APPS_JOBS, or one per core. */
const JOBS = Number(process.env.APPS_JOBS) || availableParallelism();

/** The chosen projects, with their folders as absolute paths. */
export const PROJECT_DIRS = Object.fromEntries(chosen.map((name) => [name, `${ROOT}${PROJECTS[name]}`]));
/** The chosen framework apps, each of which goes through the round trip in test/apps/frameworks.test.mjs. */
export const APPS = chosen.filter((name) => PROJECTS[name].startsWith('demo/frameworks/'));

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = Object.keys(PROJECT_DIRS);
  // With --no-build (.ci/run, right after npm test built it), the tarball is packed from the dist/ there is.
  await pack({ build: !process.argv.includes('--no-build') }).catch((error) =>
    fail(`npm pack failed: ${error.message}`),
  );
  if (process.argv.includes('--relock')) {
    // Named, the package is installed again from the tarball: a bare `npm install` finds the tree up to date
    // and keeps the lockfile's record of the package's dependencies as it was.
    await run(names, (name) => `npm install --no-audit --no-fund aniapi-elements@${wantedSpec(PROJECT_DIRS[name])}`);
    for (const name of names) dropIntegrity(PROJECT_DIRS[name]);
  }
  const problems = names.map((name) => [name, checkLock(PROJECT_DIRS[name])]).filter(([, problem]) => problem);
  for (const [name, problem] of problems) console.error(`${name}: ${problem}; node scripts/apps.mjs --relock mends it`);
  if (problems.length > 0) process.exit(1);
  // A project checks what its build does not: Next.js and Angular type-check the app in the build, once.
  await run(names, () => 'npm ci --no-audit --no-fund && npm run check --if-present && npm run build');
}

/** Packs the package into TARBALL, building it first through its prepack script unless `build` is false. */
async function pack({ build }) {
  const dir = `${ROOT}.pack/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  renameSync(await npmPack(ROOT, { packageManager: 'npm', ignoreScripts: !build, destination: dir }), TARBALL);
}

/**
 * Runs `commandFor(name)` in each project's folder, JOBS at a time, each project's output printed whole after its
 * name, then how long each took; once all have ended, exits if any failed, naming them.
 */
async function run(names, commandFor) {
  const { result } = concurrently(
    names.map((name) => ({
      name,
      command: commandFor(name),
      cwd: PROJECT_DIRS[name],
      env: { NG_CLI_ANALYTICS: 'false', ASTRO_TELEMETRY_DISABLED: '1' },
    })),
    { maxProcesses: JOBS, group: true, prefix: 'name', padPrefix: true, timings: true },
  );
  await result.catch((events) =>
    fail(
      `FAILED: ${events
        .filter((event) => event.exitCode !== 0)
        .map((event) => event.command.name)
        .join(', ')}`,
    ),
  );
}

/** The aniapi-elements spec that the project in `cwd` names: the tarball's path. */
function wantedSpec(cwd) {
  return JSON.parse(readFileSync(`${cwd}package.json`, 'utf8')).dependencies['aniapi-elements'];
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
  const wanted = wantedSpec(cwd);
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

/** Drops the tarball's integrity hash from the lockfile in `cwd`, which every build would change. */
function dropIntegrity(cwd) {
  const path = `${cwd}package-lock.json`;
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  delete lock.packages['node_modules/aniapi-elements'].integrity;
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
