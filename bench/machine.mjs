// The header of the bench's output: the day and the machine, so that figures
// quoted from it say where they come from. Every field reads what is there and
// says "unknown" rather than fail.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { FIREFOX } from '../test/launchers.mjs';
import { chromiumPath } from '../test/chromium.mjs';

const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** The first line a command prints, or null where it cannot run. */
const firstLine = (file, args) => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return null;
  }
};

/** The engines' versions as their Debian packages install them. */
export function engineVersions() {
  const chromium = firstLine(chromiumPath, ['--version'])?.replace(/ built on .*/, '');
  const firefox = firstLine(FIREFOX, ['--version'])?.replace(/^Mozilla /, '');
  const webkit = firstLine('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0']);
  return {
    chromium: chromium ?? 'Chromium: unknown',
    firefox: firefox ?? 'Firefox: unknown',
    webkit: webkit ? `WebKitGTK ${webkit.replace(/-[^-]*$/, '')} (MiniBrowser)` : 'WebKitGTK: unknown',
  };
}

/** The header's lines: the ISO day, the machine, Node.js and the three engines. */
export function header() {
  const cpu = read('/proc/cpuinfo').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
  const os = read('/etc/os-release').match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1] ?? 'unknown OS';
  const ram = `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  const engines = engineVersions();
  return [
    `# npm run bench, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${cpu}, ${availableParallelism()} cores, ${ram}, ${os} (Linux ${release()}), Node.js ${process.version}`,
    `Engines: ${engines.chromium}, ${engines.firefox}, ${engines.webkit}`,
  ].join('\n');
}
