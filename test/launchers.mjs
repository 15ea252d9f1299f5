// The three engines the browser tests run in, all from Debian's packages:
// Chromium and Firefox ESR driven by puppeteer-core (Firefox over WebDriver
// BiDi), WebKitGTK's MiniBrowser through WebKitWebDriver. Nothing here
// downloads a browser or a driver. ENGINES=chromium,firefox,webkit narrows it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { FIREFOX, MINIBROWSER, missingLine, missingPackages } from './browsers.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

export { ENGINES, FIREFOX, chosenEngines } from './browsers.mjs';

export function launcherFor(engine) {
  if (engine === 'chromium')
    return chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs } });
  if (engine === 'firefox') return firefoxLauncher();
  return webkitLauncher();
}

function firefoxLauncher() {
  return chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true },
    // Firefox 140 ESR answers the viewport call of the runner with an unknown
    // BiDi command (emulation.setScreenOrientationOverride); the page works without it.
    createPage: async ({ context }) => {
      const page = await context.newPage();
      const setViewport = page.setViewport.bind(page);
      page.setViewport = (viewport) =>
        setViewport(viewport).catch((error) => {
          if (!String(error?.message).includes('setScreenOrientationOverride')) throw error;
        });
      return page;
    },
  });
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port, or rejects after `ms`. */
async function waitForPort(port, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts Xvfb on a free display and resolves to the display's name once it takes clients. */
async function startXvfb(processes) {
  let n = 99;
  while (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) n++;
  processes.push(
    spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore', detached: true }),
  );
  const until = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
    if (Date.now() > until) throw new Error('Xvfb did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `:${n}`;
}

/**
 * WebKitGTK's MiniBrowser has no headless mode: where there is no display this
 * launcher starts Xvfb, then WebKitWebDriver on a free port, and stops both in
 * every exit path.
 */
/** The WebDriver capabilities that start WebKitGTK's MiniBrowser. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  // webdriverio 9 asks for WebDriver BiDi otherwise, which WebKitWebDriver does not speak.
  'wdio:enforceWebDriverClassic': true,
};

/**
 * Starts WebKitWebDriver on a free port, and Xvfb first where there is no
 * display (MiniBrowser has no headless mode). Each runs in a process group of
 * its own, so that `stop()` ends the driver with the MiniBrowser it started,
 * and Xvfb, with SIGTERM (Xvfb then removes its lock file). They are also
 * stopped when this process exits or is told to end by SIGTERM or SIGHUP.
 */
export async function startWebKitDriver() {
  // Without WebKitWebDriver, MiniBrowser or Xvfb, spawn would fail with ENOENT out of reach of any catch.
  const missing = missingPackages(['webkit']);
  if (missing.length) throw new Error(missingLine(missing, ['webkit']));
  const processes = [];
  const stop = () => {
    for (const child of processes.splice(0)) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  };
  const onSignal = (signal) => {
    stop();
    process.exit(signal === 'SIGHUP' ? 129 : 143);
  };
  const release = () => {
    stop();
    process.removeListener('exit', stop);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  };
  process.once('exit', stop);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    const env = { ...process.env };
    env.DISPLAY ||= await startXvfb(processes);
    const port = await freePort();
    processes.push(spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: 'ignore', detached: true }));
    await waitForPort(port);
    return { port, stop: release };
  } catch (error) {
    release();
    throw error;
  }
}

/** Runs the browser tests in WebKit through the driver above, stopped in every exit path. */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({ hostname: '127.0.0.1', path: '/', logLevel: 'error', capabilities: WEBKIT_CAPABILITIES });
  }

  async initialize(config, testFiles) {
    this.driverProcess = await startWebKitDriver();
    this.options.port = this.driverProcess.port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    try {
      await super.stop();
    } finally {
      this.driverProcess?.stop();
    }
  }
}

function webkitLauncher() {
  return new WebKitLauncher();
}
