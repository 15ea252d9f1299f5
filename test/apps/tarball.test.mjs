// Every project that npm run test:apps builds (the framework apps and test/fresh-vite/)
// installed aniapi-elements from the tarball that scripts/apps.mjs packed, as a user's
// install from the registry would: a real directory holding exactly the tarball's files,
// those of this build, and none of the tree's (no src/, no tests, no configs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkLock, PROJECT_DIRS, TARBALL } from '../../scripts/apps.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The tarball's files, as paths inside the package. */
const packed = () =>
  execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();

/** The files under `dir`, as paths inside it, leaving out the package's own installed dependencies. */
const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((path) => !path.split('/').includes('node_modules') && statSync(`${dir}/${path}`).isFile())
    .sort();

for (const [name, dir] of Object.entries(PROJECT_DIRS)) {
  describe(`${name} (${dir.slice(root.length)})`, () => {
    const installed = `${dir}node_modules/aniapi-elements`;

    test('installed aniapi-elements as a directory of its own, not a link to the tree', () => {
      assert.ok(existsSync(installed), `${installed} is missing: run npm run test:apps`);
      const entry = lstatSync(installed);
      assert.ok(!entry.isSymbolicLink(), `${installed} is a symbolic link`);
      assert.ok(entry.isDirectory(), `${installed} is not a directory`);
      assert.ok(!existsSync(`${installed}/src`), 'the installed package has src/: it came from the tree');
    });

    test("holds exactly the tarball's files, each the same bytes as this build's", () => {
      const files = filesUnder(installed);
      assert.deepEqual(files, packed());
      for (const file of files) {
        assert.ok(
          readFileSync(`${installed}/${file}`).equals(readFileSync(`${root}${file}`)),
          `${file} differs from the tree's: npm run test:apps packs and installs afresh`,
        );
      }
    });

    test('keeps a lockfile that npm ci installs the tarball from as committed', () => {
      assert.equal(checkLock(dir), null);
    });
  });
}
