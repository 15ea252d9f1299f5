// Checks the package as npm would publish it: packs it once into a temporary
// directory (`npm pack`, through publint's @publint/pack, which also reads the tarball's
// files back) and checks
// - its files: what the package promises besides its exports (LICENSE, README,
//   CHANGELOG) is there, src/ and test/ are not, each source map finds its sources
//   in the package or carries them (sourcesContent), and the README's and docs'
//   relative links name files of the package;
// - the tarball with publint, every message, suggestions included (among them, any file
//   the exports map names that the tarball lacks);
// - the tarball with are-the-types-wrong's command line, under its esm-only profile: the
//   package is ESM only, so require() and node10 resolution are out of scope.
// Prints what it finds and exits 1 if there is anything.
//
//   node scripts/check-package.mjs              (npm run check:package)
//   node scripts/check-package.mjs --no-build
//
// By default `npm pack` runs prepack, which empties dist/ and builds: the tarball is
// what `npm publish` would upload, with nothing stale in it. --no-build packs the dist/
// already built (`npm pack --ignore-scripts`): test/node/package.test.mjs uses it, since
// `npm test` has just built and a rebuild would empty dist/ under the tests beside it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pack as npmPack, unpack } from '@publint/pack';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { x } from 'tinyexec';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the package promises to ship besides the exports map's files, each of which publint finds or names. */
export const REQUIRED_FILES = ['LICENSE', 'README.md', 'CHANGELOG.md'];

/** Folders of the repository that stay out of the package. */
export const FORBIDDEN_FOLDERS = ['src/', 'test/'];

/**
 * Packs the package into a new temporary directory: with its prepack (which empties dist/ and
 * builds) when `build`, else from the dist/ there is. Resolves with the tarball's path and its
 * files, read from the tarball; `dispose()` removes the directory.
 */
export async function pack({ build = true } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'aniapi-elements-pack-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const path = await npmPack(root, { destination: dir, ignoreScripts: !build });
    const { files, rootDir } = await unpack(await readFile(path));
    const byName = new Map(files.map(({ name, data }) => [posix.relative(rootDir, name), Buffer.from(data)]));
    return { path, name: basename(path), files: byName, dispose };
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

/** publint on the tarball: each message it gives, suggestions included. */
export async function runPublint(tarball) {
  const { messages, pkg } = await publint({ pack: { tarball: await readFile(tarball) }, level: 'suggestion' });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
}

/**
 * are-the-types-wrong's command line on the tarball, under its esm-only profile: its report
 * when it fails, or when it finds no types at all (which it reports, but does not fail on).
 */
export async function runAttw(tarball) {
  const args = [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'];
  const { exitCode, stdout, stderr } = await x('attw', args, { nodeOptions: { cwd: root } });
  const fine = exitCode === 0 && !/does not contain types/.test(stdout);
  return fine ? [] : [`attw (exit ${exitCode}):\n${`${stdout}${stderr}`.trimEnd()}`];
}

async function main() {
  const build = !process.argv.includes('--no-build');
  console.log(build ? 'Packing: prepack empties dist/ and builds...' : 'Packing the dist/ already built...');
  const packed = await pack({ build });
  try {
    const maps = [...packed.files.keys()].filter((name) => name.endsWith('.map')).length;
    console.log(`${packed.name}: ${packed.files.size} files, ${maps} source maps`);
    const sections = [
      ['files', checkFileList(packed.files)],
      ['source maps', checkSourceMaps(packed.files)],
      ['links', checkLinks(packed.files)],
      ['publint', await runPublint(packed.path)],
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
