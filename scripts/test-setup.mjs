// Run by `npm test` first (pretest): the browsers the tests need come from
// Debian's packages, checked as .ci/run checks them. Chromium always (the
// end-to-end logins run in it), Firefox ESR and WebKitGTK (webkit2gtk-driver,
// and xvfb where there is no DISPLAY) as ENGINES chooses; CHROME_PATH,
// FIREFOX_PATH and MINIBROWSER_PATH point elsewhere. Prints nothing when all
// are there. Otherwise, as root or with sudo that asks no password, it runs
// `apt-get update` and `apt-get install` for the missing ones; where it cannot,
// or they are still missing, it prints one line naming them and the command
// that installs them, and exits 1. CI=true changes nothing.
//
// Test seam: ANIAPI_TEST_SETUP_AS_USER=1 makes root count as a user without
// sudo rights unless a `sudo` on PATH says otherwise (test/node/test-setup.test.mjs).
import { spawnSync } from 'node:child_process';
import { aptCommand, chosenEngines, missingLine, missingPackages, onPath } from '../test/browsers.mjs';

let engines;
try {
  engines = [...new Set(['chromium', ...chosenEngines()])];
} catch (error) {
  console.error(`aniapi-elements tests: ${error.message}`);
  process.exit(1);
}

const missing = missingPackages(engines);
if (!missing.length) process.exit(0);

if (!onPath('apt-get')) {
  console.error(missingLine(missing, engines, { apt: false }));
  process.exit(1);
}

const root = process.getuid?.() === 0 && process.env.ANIAPI_TEST_SETUP_AS_USER !== '1';
const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!root && !sudo) {
  console.error(missingLine(missing, engines, { root: false }));
  process.exit(1);
}

/** Runs apt-get as root, or through sudo, with its output on this terminal; true when it succeeded. */
function aptGet(...args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [command, argv] = root
    ? ['apt-get', args]
    : ['sudo', ['-n', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]];
  return spawnSync(command, argv, { env, stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

const names = missing.map((p) => p.name);
console.log(
  `aniapi-elements tests need ${names.join(', ')}; installing ${names.length > 1 ? 'them' : 'it'}: ${aptCommand(missing, root)}`,
);
if (aptGet('update')) aptGet('install', '-y', '--no-install-recommends', ...names);

const still = missingPackages(engines);
if (still.length) {
  console.error(missingLine(still, engines, { root, failed: true }));
  process.exit(1);
}
