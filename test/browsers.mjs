// Which of the Debian packages the tests run on are missing, checked as .ci/run
// checks them, and the one line that says so. scripts/test-setup.mjs uses it
// before `npm test`; the test runners use it so that a run started without the
// browsers (`npx wtr`, `node --test test/e2e/`) stops with that line rather
// than a stack trace. No dependencies: it runs before anything else.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromiumPath } from './chromium.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines to run, from ENGINES (a comma-separated list) or all three. */
export function chosenEngines() {
  const chosen = (process.env.ENGINES || ENGINES.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const unknown = chosen.filter((engine) => !ENGINES.includes(engine));
  if (unknown.length) throw new Error(`ENGINES: unknown ${unknown.join(', ')}; choose from ${ENGINES.join(', ')}`);
  return chosen;
}

/** Whether `path` is a file this process may run (`[ -x ]`, directories left out). */
function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a command of that name is on PATH (`command -v`). */
export function onPath(name) {
  return (process.env.PATH || '').split(delimiter).some((dir) => dir && executable(join(dir, name)));
}

/** Why a path set in the environment does not count, or '' where the default path is in use. */
function override(variable, path) {
  return process.env[variable] ? ` (${variable}=${path} is not an executable file)` : '';
}

/**
 * The Debian packages missing for these engines, each with what it is and
 * where the tests look for it (for a machine without apt-get), and a note
 * where a *_PATH variable names no executable. WebKit needs Xvfb only where
 * there is no display.
 */
export function missingPackages(engines) {
  const missing = [];
  if (engines.includes('chromium') && !executable(chromiumPath))
    missing.push({
      name: 'chromium',
      engine: 'chromium',
      note: override('CHROME_PATH', chromiumPath),
      human: 'Chromium',
      setting: 'set CHROME_PATH to Chromium',
    });
  if (engines.includes('firefox') && !executable(FIREFOX))
    missing.push({
      name: 'firefox-esr',
      engine: 'firefox',
      note: override('FIREFOX_PATH', FIREFOX),
      human: 'Firefox ESR',
      setting: 'set FIREFOX_PATH to Firefox ESR',
    });
  if (engines.includes('webkit') && !(onPath('WebKitWebDriver') && executable(MINIBROWSER)))
    missing.push({
      name: 'webkit2gtk-driver',
      engine: 'webkit',
      note: executable(MINIBROWSER) ? '' : override('MINIBROWSER_PATH', MINIBROWSER),
      human: "WebKitGTK's MiniBrowser and WebKitWebDriver",
      setting: 'set MINIBROWSER_PATH to MiniBrowser and put WebKitWebDriver on PATH',
    });
  if (engines.includes('webkit') && !process.env.DISPLAY && !onPath('Xvfb'))
    missing.push({
      name: 'xvfb',
      engine: 'webkit',
      note: '',
      human: 'Xvfb',
      setting: 'put Xvfb on PATH or set DISPLAY',
    });
  return missing;
}

/** The apt-get command that installs the packages, with sudo unless this is root. */
export function aptCommand(missing, root) {
  const sudo = root ? '' : 'sudo ';
  const names = missing.map((p) => p.name).join(' ');
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names}`;
}

/**
 * The engines of these that could run as things are, as ENGINES would name
 * them; '' when that would not help: `npm test`'s end-to-end logins need
 * Chromium whatever ENGINES says.
 */
function narrower(missing, engines) {
  const absent = new Set(missing.map((p) => p.engine));
  const present = engines.filter((e) => !absent.has(e));
  return absent.has('chromium') || !present.length ? '' : ` (or set ENGINES=${present.join(',')})`;
}

/**
 * The one line for what is missing: the apt-get command that installs it (with
 * sudo unless `root`), or, where there is no apt-get (`apt` false), what to
 * install and which variables to set; `failed` once apt-get has run and they
 * are still missing. `apt` and `root` default to what this machine is.
 */
export function missingLine(
  missing,
  engines,
  { apt = onPath('apt-get'), root = process.getuid?.() === 0, failed = false } = {},
) {
  const named = missing.map((p) => `${p.name}${p.note}`).join(', ');
  const narrow = narrower(missing, engines);
  if (!apt) {
    const humans = missing.map((p) => `${p.human}${p.note}`).join(', ');
    const settings = missing.map((p) => p.setting).join(', ');
    const names = missing.map((p) => p.name).join(', ');
    return `aniapi-elements tests need ${humans}, and there is no apt-get here to install Debian's ${names}: install ${missing.length > 1 ? 'them' : 'it'}, ${settings}${narrow}`;
  }
  const command = aptCommand(missing, root);
  if (failed) return `aniapi-elements tests still need ${named} after apt-get: run ${command}${narrow}`;
  return `aniapi-elements tests need ${named}: run ${command}${narrow}`;
}

/**
 * For the test runners, in case they are started without `npm test`'s setup:
 * where a browser these engines need is missing, prints the one line and ends
 * the process. Returns the engines (ENGINES's choice when none are given).
 */
export function requireBrowsers(engines) {
  try {
    engines ??= chosenEngines();
  } catch (error) {
    console.error(`aniapi-elements tests: ${error.message}`);
    process.exit(1);
  }
  const missing = missingPackages(engines);
  if (missing.length) {
    console.error(missingLine(missing, engines));
    process.exit(1);
  }
  return engines;
}
