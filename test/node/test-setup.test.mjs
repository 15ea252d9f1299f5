// scripts/test-setup.mjs, run as `npm test` runs it, on a simulated machine:
// the *_PATH variables name the browsers (or files that are not there), PATH is
// a directory holding only the commands a case wants (WebKitWebDriver, Xvfb,
// apt-get, sudo, all stand-ins), and ANIAPI_TEST_SETUP_AS_USER=1 makes root
// count as a user. No case runs the real apt-get or sudo.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/test-setup.mjs', import.meta.url));
const ALL = 'chromium firefox-esr webkit2gtk-driver xvfb';

// apt-get logs each call, and its install puts an Xvfb on PATH, or fails under APT_FAIL.
const APT_GET = `#!/bin/sh
echo "$DEBIAN_FRONTEND apt-get $*" >> "$APT_LOG"
[ "$1" = install ] || exit 0
[ -z "$APT_FAIL" ] || exit 100
printf '#!/bin/sh\\n' > "$BIN/Xvfb" && /bin/chmod +x "$BIN/Xvfb"
`;
// sudo that asks no password: `sudo -n true` succeeds, `sudo -n VAR=value command …` runs it.
const SUDO = `#!/bin/sh
[ "$1" = -n ] && shift
[ "$1" = true ] && exit 0
exec /usr/bin/env "$@"
`;

let dir;
let bin;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'test-setup-'));
  bin = mkdtempSync(join(dir, 'bin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Puts a command on the simulated PATH. */
function command(name, text = '#!/bin/sh\n') {
  writeFileSync(join(bin, name), text, { mode: 0o755 });
}

/** Runs the script as a user, the browsers present unless `env` says otherwise. */
function setup(env = {}) {
  const run = spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: {
      PATH: bin,
      ANIAPI_TEST_SETUP_AS_USER: '1',
      CHROME_PATH: process.execPath,
      FIREFOX_PATH: process.execPath,
      MINIBROWSER_PATH: process.execPath,
      APT_LOG: join(dir, 'apt.log'),
      BIN: bin,
      ...env,
    },
  });
  return { ...run, lines: run.stderr.split('\n').filter(Boolean) };
}

/** The browsers' paths, pointing at nothing. */
const nowhere = () => ({
  CHROME_PATH: join(dir, 'chromium'),
  FIREFOX_PATH: join(dir, 'firefox-esr'),
  MINIBROWSER_PATH: join(dir, 'MiniBrowser'),
});

/** Exit code 1, and one line on stderr that is no stack trace. */
function assertOneLine(run) {
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
  return run.lines[0];
}

test('with every browser there, it prints nothing and exits 0', () => {
  command('WebKitWebDriver');
  command('Xvfb');
  const run = setup();
  assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
});

test('a display stands in for Xvfb', () => {
  command('WebKitWebDriver');
  const run = setup({ DISPLAY: ':5' });
  assert.deepEqual([run.status, run.stdout, run.stderr], [0, '', '']);
});

for (const ci of [undefined, 'true']) {
  test(`without the browsers, root or sudo${ci ? ', on CI' : ''}: one line with the packages and the command`, () => {
    command('apt-get', APT_GET);
    const paths = nowhere();
    const run = setup({ ...paths, CI: ci });
    assert.equal(
      assertOneLine(run),
      `aniapi-elements tests need chromium (CHROME_PATH=${paths.CHROME_PATH} is not an executable file), ` +
        `firefox-esr (FIREFOX_PATH=${paths.FIREFOX_PATH} is not an executable file), ` +
        `webkit2gtk-driver (MINIBROWSER_PATH=${paths.MINIBROWSER_PATH} is not an executable file), xvfb: ` +
        `run sudo apt-get update && sudo apt-get install -y --no-install-recommends ${ALL}`,
    );
    assert.equal(run.stdout, '');
    assert.ok(!existsSync(join(dir, 'apt.log')), 'apt-get ran');
  });
}

test('with Chromium there, the line offers the engines that are', () => {
  command('apt-get', APT_GET);
  command('WebKitWebDriver');
  command('Xvfb');
  const firefox = join(dir, 'firefox-esr');
  assert.equal(
    assertOneLine(setup({ FIREFOX_PATH: firefox })),
    `aniapi-elements tests need firefox-esr (FIREFOX_PATH=${firefox} is not an executable file): ` +
      'run sudo apt-get update && sudo apt-get install -y --no-install-recommends firefox-esr (or set ENGINES=chromium,webkit)',
  );
});

test('ENGINES leaves out what it does not choose; the end-to-end logins need Chromium whatever it says', () => {
  command('apt-get', APT_GET);
  const { CHROME_PATH, FIREFOX_PATH, MINIBROWSER_PATH } = nowhere();
  const quiet = setup({ ENGINES: 'chromium', FIREFOX_PATH, MINIBROWSER_PATH });
  assert.deepEqual([quiet.status, quiet.stdout, quiet.stderr], [0, '', '']);
  const line = assertOneLine(setup({ ENGINES: 'firefox', CHROME_PATH }));
  assert.ok(line.endsWith('apt-get install -y --no-install-recommends chromium'), line);
});

test('an unknown engine is one line', () => {
  assert.equal(
    assertOneLine(setup({ ENGINES: 'chromium,opera' })),
    'aniapi-elements tests: ENGINES: unknown opera; choose from chromium, firefox, webkit',
  );
});

test('without apt-get: one line with what to install and the variables to set', () => {
  const line = assertOneLine(setup(nowhere()));
  assert.match(line, /^aniapi-elements tests need Chromium \(CHROME_PATH=.*\), Firefox ESR .*, Xvfb, /);
  assert.match(line, /there is no apt-get here to install Debian's chromium, firefox-esr, webkit2gtk-driver, xvfb: /);
  for (const setting of ['set CHROME_PATH', 'set FIREFOX_PATH', 'set MINIBROWSER_PATH', 'put Xvfb on PATH'])
    assert.ok(line.includes(setting), setting);
});

test('with sudo that asks no password, it installs what is missing with apt-get, then checks again', () => {
  command('apt-get', APT_GET);
  command('sudo', SUDO);
  command('WebKitWebDriver');
  const run = setup();
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    'aniapi-elements tests need xvfb; installing it: ' +
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends xvfb\n',
  );
  assert.deepEqual(readFileSync(join(dir, 'apt.log'), 'utf8').split('\n').filter(Boolean), [
    'noninteractive apt-get update',
    'noninteractive apt-get install -y --no-install-recommends xvfb',
  ]);
});

test('when apt-get fails, one line says what is still missing', () => {
  command('apt-get', APT_GET);
  command('sudo', SUDO);
  command('WebKitWebDriver');
  assert.equal(
    assertOneLine(setup({ APT_FAIL: '1' })),
    'aniapi-elements tests still need xvfb after apt-get: ' +
      'run sudo apt-get update && sudo apt-get install -y --no-install-recommends xvfb (or set ENGINES=chromium,firefox)',
  );
});
