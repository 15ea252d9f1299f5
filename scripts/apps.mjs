// Installs, type-checks and builds each framework app in demo/frameworks/ with
// its own lockfile and toolchain, so that the root install stays lean. Prints
// how long each step took. APPS=vue,react narrows it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The framework apps in demo/frameworks/, or those APPS names. */
export const APPS = process.env.APPS ? process.env.APPS.split(',') : ['vue', 'svelte', 'angular', 'react'];

if (import.meta.url === `file://${process.argv[1]}`) buildApps();

function buildApps() {
  for (const app of APPS) {
    const cwd = fileURLToPath(new URL(`../demo/frameworks/${app}/`, import.meta.url));
    for (const args of [
      ['ci', '--no-audit', '--no-fund'],
      ['run', 'check'],
      ['run', 'build'],
    ]) {
      const start = performance.now();
      const { status } = spawnSync('npm', args, {
        cwd,
        stdio: 'inherit',
        env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
      });
      console.log(
        `${app}: npm ${args.join(' ')} ${status === 0 ? 'passed' : 'FAILED'} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
      );
      if (status !== 0) process.exit(status ?? 1);
    }
  }
}
