// The package as npm would publish it, through the checks of `npm run check:package`
// (scripts/check-package.mjs): packed once, from the dist/ that `npm test` has just
// built, without a second build under the test files running beside this one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkFileList, checkLinks, checkSourceMaps, pack, runAttw, runPublint } from '../../scripts/check-package.mjs';

let packed;
before(async () => {
  packed = await pack({ build: false });
});
after(() => packed?.dispose());

test('the tarball holds what the package promises, and neither src/ nor test/', () => {
  assert.deepEqual(checkFileList(packed.files), []);
});

test('every source map in the tarball finds its sources there or carries them', () => {
  assert.ok([...packed.files.keys()].some((name) => name.endsWith('.js.map')));
  assert.deepEqual(checkSourceMaps(packed.files), []);
});

test('every relative link of the README and the packed docs names a file of the tarball', () => {
  assert.ok(packed.files.has('docs/guide.md'));
  assert.deepEqual(checkLinks(packed.files), []);
});

test('publint finds nothing in the tarball, suggestions included', async () => {
  assert.deepEqual(await runPublint(packed.path), []);
});

test('are-the-types-wrong finds nothing in the tarball under its esm-only profile', async () => {
  assert.deepEqual(await runAttw(packed.path), []);
});

// The checks themselves, on made-up contents: each finds what it is there for.
const filesOf = (entries) => new Map(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)]));

test('the file check names a promised file that is missing and a src/ that is shipped', () => {
  const files = new Map(packed.files);
  files.delete('LICENSE');
  files.set('src/index.ts', Buffer.from('export {};\n'));
  assert.deepEqual(checkFileList(files), [
    'tarball: LICENSE is missing',
    'tarball: ships src/ (1 files, src/index.ts first)',
  ]);
});

test('the link check names a link to a file the package lacks, and leaves URLs, anchors and code alone', () => {
  const files = filesOf({
    'README.md': '[Guide](docs/guide.md#events) [Gone](docs/gone.md) [npm](https://npmjs.com) [Top](#top)\n',
    'docs/guide.md': '[Back](../README.md) [Tests](../test/x.md)\n```md\n[In code](nowhere.md)\n```\n',
    'docs/notes.txt': '[Not a page](nowhere.md)\n',
  });
  assert.deepEqual(checkLinks(files), [
    'link: README.md links to docs/gone.md, which is not in the package',
    'link: docs/guide.md links to ../test/x.md, which is not in the package',
  ]);
});

test('the source map check names a source neither shipped nor inlined, and a map that is not there', () => {
  const map = (sources, sourcesContent) => JSON.stringify({ version: 3, sources, sourcesContent, mappings: '' });
  const files = filesOf({
    'dist/a.js': 'a;\n//# sourceMappingURL=a.js.map\n',
    'dist/a.js.map': map(['../src/a.ts']),
    'dist/b.js': 'b;\n//# sourceMappingURL=b.js.map\n',
    'dist/b.js.map': map(['../src/b.ts'], ['export {};\n']),
    'dist/c.min.js.map': map(['c.js', 'missing.js'], ['c;\n']),
    'dist/c.js': 'c;\n',
    'dist/d.js': 'd;\n//# sourceMappingURL=d.js.map\n',
  });
  assert.deepEqual(checkSourceMaps(files), [
    'source map dist/a.js.map: 1 of 1 sources neither in the package nor in sourcesContent (../src/a.ts first)',
    'source map dist/c.min.js.map: 1 of 2 sources neither in the package nor in sourcesContent (missing.js first)',
    'source map: dist/d.js names d.js.map, which is not in the package',
  ]);
});
