// Checks the package as npm would publish it: packs it once into a temporary
// directory and checks that one tarball for
// - its files: what the package promises (dist/, the manifest, LICENSE, README,
//   CHANGELOG) is there, src/ and test/ are not, and each source map either finds
//   its sources in the tarball or carries them (sourcesContent);
// - publint: every message, suggestions included;
// - are-the-types-wrong with --profile esm-only: the package is ESM only, so
//   require() and node10 resolution are out of scope, and anything else counts.
// Prints one line per finding and exits 1 if there is any.
//
//   node scripts/check-package.mjs              (npm run check:package)
//   node scripts/check-package.mjs --no-build
//
// By default `npm pack` runs prepack, which empties dist/ and builds: the tarball
// is what `npm publish` would upload, made the way it would be made, with
// nothing stale in it. --no-build packs the dist/ already built (`npm pack
// --ignore-scripts`): test/node/package.test.mjs uses it, since `npm test` has
// just built and a rebuild would empty dist/ under the test files running beside it.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the package promises to ship. */
export const REQUIRED_FILES = [
  'package.json',
  'LICENSE',
  'README.md',
  'CHANGELOG.md',
  'custom-elements.json',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/aniapi-elements.min.js',
  'dist/aniapi-scrub.js',
];

/** Folders of the repository that stay out of the package. */
export const FORBIDDEN_FOLDERS = ['src/', 'test/'];

/** The resolutions that attw's esm-only profile ignores (its profiles.ts): CommonJS's require() and node10. */
export const ESM_ONLY_IGNORED = ['node10', 'node16-cjs'];

/** A failure the check expects and explains in a line: printed without a stack trace. */
export class CheckError extends Error {}

/**
 * Runs a command to its end; resolves with its exit code and what it printed.
 * `stdout`, a file descriptor, takes its standard output instead.
 */
function run(command, args, { stdout: stdoutFd, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => reject(new CheckError(`could not run ${command}: ${error.message}`)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last lines a failed command printed, indented under the finding. */
const tail = (text, lines = 20) =>
  text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');

/**
 * The files of a gzipped tarball, by their path in the package (without npm's
 * `package/` folder): a reader of the ustar and pax headers npm writes, enough
 * for regular files.
 */
export function untar(gzipped) {
  const tar = gunzipSync(gzipped);
  const files = new Map();
  let paxPath;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    if (type === '0' || type === '7') {
      const prefix = field(345, 155);
      const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
      files.set(name.replace(/^[^/]+\//, ''), body);
    }
    paxPath = undefined;
  }
  return files;
}

/** The npm that runs this script (`npm run` sets npm_execpath), or else the one on the PATH. */
function npm(args, options) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.[cm]?js$/.test(npmCli)) return run(process.execPath, [npmCli, ...args], options);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    ...options,
    shell: process.platform === 'win32',
  });
}

/**
 * Packs the package into a new temporary directory: with its prepack (which
 * empties dist/ and builds) when `build`, else from the dist/ there is.
 * Resolves with the tarball's path, bytes and files; `dispose()` removes the directory.
 */
export async function pack({ build = true } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'aniapi-elements-pack-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const args = ['pack', '--pack-destination', dir, '--silent'];
    if (!build) args.push('--ignore-scripts');
    const result = await npm(args, { cwd: root });
    if (result.code !== 0) {
      throw new CheckError(
        `npm ${args.join(' ')} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
      );
    }
    const tarballs = (await readdir(dir)).filter((name) => name.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new CheckError(`npm pack left ${tarballs.length} tarballs in ${dir}, not one`);
    const path = join(dir, tarballs[0]);
    const bytes = await readFile(path);
    return { path, name: tarballs[0], bytes, files: untar(bytes), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The package's promised files that the tarball lacks, and the repository's folders it should not hold. */
export function checkFileList(files) {
  const findings = [];
  for (const file of REQUIRED_FILES) if (!files.has(file)) findings.push(`tarball: ${file} is missing`);
  for (const folder of FORBIDDEN_FOLDERS) {
    const shipped = [...files.keys()].filter((name) => name.startsWith(folder));
    if (shipped.length > 0) findings.push(`tarball: ships ${folder} (${shipped.length} files, ${shipped[0]} first)`);
  }
  return findings;
}

/**
/** The pages whose relative links must resolve in the package: the README and the docs it links to. */
const PAGES = /^(README\.md|docs\/[^/]+\.md)$/;

/**
 * Every relative link of the packed README.md and docs/*.md names a file of the
 * tarball, so that the pages read on their own in node_modules and on npm's site.
 * Fenced code is no link; a link's #anchor is not checked.
 */
export function checkLinks(files) {
  const findings = [];
  for (const [name, data] of files) {
    if (!PAGES.test(name)) continue;
    const text = data.toString('utf8').replace(/^```[\s\S]*?^```/gm, '');
    for (const [, target] of text.matchAll(/\]\(<?([^()\s<>]+)>?(?:\s+"[^"]*")?\)/g)) {
      const path = target.split('#')[0];
      // Absolute URLs (a scheme) and anchors in the same page.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || path === '') continue;
      const resolved = posix.normalize(posix.join(posix.dirname(name), decodeURIComponent(path)));
      if (!files.has(resolved)) findings.push(`link: ${name} links to ${target}, which is not in the package`);
    }
  }
  return findings;
}

/**
 * Every source map in the tarball: each of its sources is a file of the tarball
 * or is carried in sourcesContent. And every sourceMappingURL comment names a map
 * the tarball has.
 */
export function checkSourceMaps(files) {
  const findings = [];
  for (const [name, data] of files) {
    if (name.endsWith('.map')) {
      let map;
      try {
        map = JSON.parse(data.toString('utf8'));
      } catch (error) {
        findings.push(`source map ${name}: not JSON (${error.message})`);
        continue;
      }
      if (!Array.isArray(map.sources)) {
        findings.push(`source map ${name}: has no sources array`);
        continue;
      }
      const missing = map.sources.filter((source, i) => {
        if (typeof map.sourcesContent?.[i] === 'string') return false;
        // A URL with a scheme (webpack://, file://) names nothing in the package.
        if (typeof source !== 'string' || /^[a-z][a-z\d+.-]*:/i.test(source)) return true;
        return !files.has(posix.normalize(posix.join(posix.dirname(name), map.sourceRoot ?? '', source)));
      });
      if (missing.length > 0) {
        findings.push(
          `source map ${name}: ${missing.length} of ${map.sources.length} sources neither in the package nor in sourcesContent (${missing[0]} first)`,
        );
      }
    } else if (/\.(?:[cm]?js|d\.[cm]?ts)$/.test(name)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(data.toString('utf8'))?.[1];
      if (!url || url.startsWith('data:')) continue;
      const target = posix.normalize(posix.join(posix.dirname(name), decodeURI(url)));
      if (!files.has(target)) findings.push(`source map: ${name} names ${url}, which is not in the package`);
    }
  }
  return findings;
}

/** publint's messages on the tarball, at every level: suggestions count too. */
export async function runPublint(bytes) {
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion' });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
}

/** Where a problem is, from whatever attw says of it: entry point, resolution, file. */
function whereOf(problem) {
  const parts = [];
  if (problem.entrypoint) parts.push(`"${problem.entrypoint}"`);
  if (problem.resolutionKind) parts.push(`under ${problem.resolutionKind}`);
  if (problem.resolutionOption) parts.push(`under ${problem.resolutionOption}`);
  for (const key of ['fileName', 'typesFileName', 'implementationFileName']) {
    if (problem[key]) parts.push(`in ${problem[key]}`);
  }
  return parts.join(' ');
}

/** are-the-types-wrong on the tarball, with its esm-only profile: each problem it does not ignore. */
export async function runAttw(tarballPath) {
  const require = createRequire(import.meta.url);
  const cliPackage = require.resolve('@arethetypeswrong/cli/package.json');
  const cli = join(dirname(cliPackage), require(cliPackage).bin.attw);
  const args = [cli, tarballPath, '--profile', 'esm-only', '--format', 'json', '--no-color'];
  // attw exits as soon as it has handed its JSON to stdout, which cuts a pipe short; a file gets all of it.
  const jsonPath = join(dirname(tarballPath), 'attw.json');
  const json = await open(jsonPath, 'w');
  let result;
  try {
    result = await run(process.execPath, args, { cwd: dirname(tarballPath), stdout: json.fd });
  } finally {
    await json.close();
  }
  let output;
  try {
    output = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch {
    return [`attw: failed (exit ${result.code}):\n${tail(result.stderr)}`];
  }
  if (!output.analysis?.types) return ['attw: the package has no types'];
  // attw's own words for each kind of problem, from the core it runs on.
  const problems = createRequire(cliPackage).resolve('@arethetypeswrong/core/problems');
  const { problemKindInfo } = await import(pathToFileURL(problems).href);
  const findings = output.analysis.problems
    .filter((problem) => !ESM_ONLY_IGNORED.includes(problem.resolutionKind))
    .map((problem) => {
      const info = problemKindInfo[problem.kind];
      return `attw: ${whereOf(problem)}: ${info?.description ?? problem.kind} (${info?.docsUrl ?? problem.kind})`;
    });
  // attw's exit code is the judge: should it fail on something this filter let through, say so.
  if (result.code !== 0 && findings.length === 0) {
    findings.push(`attw: exit ${result.code}; run npx attw --pack . --profile esm-only to see why`);
  }
  return findings;
}

async function main() {
  const build = !process.argv.includes('--no-build');
  console.log(
    build ? 'Packing: prepack empties dist/ and builds...' : 'Packing the dist/ already built (--ignore-scripts)...',
  );
  const packed = await pack({ build });
  try {
    const unpacked = [...packed.files.values()].reduce((sum, data) => sum + data.length, 0);
    const maps = [...packed.files.keys()].filter((name) => name.endsWith('.map')).length;
    console.log(
      `${packed.name}: ${packed.files.size} files, ${(packed.bytes.length / 1024).toFixed(1)} KiB ` +
        `(${(unpacked / 1024).toFixed(1)} KiB unpacked), ${maps} source maps`,
    );
    const sections = [
      ['files', checkFileList(packed.files)],
      ['source maps', checkSourceMaps(packed.files)],
      ['links', checkLinks(packed.files)],
      ['publint', await runPublint(packed.bytes)],
      ['attw --profile esm-only', await runAttw(packed.path)],
    ];
    let count = 0;
    for (const [title, findings] of sections) {
      console.log(`${title}: ${findings.length === 0 ? 'no problems' : `${findings.length} problems`}`);
      for (const finding of findings) console.log(`  ${finding}`);
      count += findings.length;
    }
    if (count > 0) {
      console.log(`${count} problems with the package.`);
      process.exitCode = 1;
    }
  } finally {
    await packed.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    if (!(error instanceof CheckError)) throw error;
    console.error(`check-package: ${error.message}`);
    process.exitCode = 1;
  });
}
