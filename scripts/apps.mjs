// Installs, type-checks and builds each framework app in demo/frameworks/ with
// its own lockfile and toolchain, so that the root install stays lean. Prints
// how long each step took. APPS=vue,react narrows it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ALL_APPS = ['vue', 'svelte', 'angular', 'react'];
const apps = process.env.APPS ? process.env.APPS.split(',') : ALL_APPS;

for (const app of apps) {
  const cwd = fileURLToPath(new URL(`../demo/frameworks/${app}/`, import.meta.url));
  for (const args of [['ci', '--no-audit', '--no-fund'], ['run', 'check'], ['run', 'build']]) {
    const start = performance.now();
    const { status } = spawnSync('npm', args, { cwd, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
    console.log(`${app}: npm ${args.join(' ')} ${status === 0 ? 'passed' : 'FAILED'} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    if (status !== 0) process.exit(status ?? 1);
  }
}
