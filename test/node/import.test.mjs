// Server-side rendering setups import the package in Node, where there is no
// DOM: every entry point must import without throwing and register nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { read, readJson } from './helpers.mjs';

const pkg = await readJson('package.json');

// Imported by the package's own name, so that Node resolves them through the exports map.
// The framework typings (./react, ./vue, ./svelte) are types only and have no module to import.
const modules = Object.entries(pkg.exports).filter(
  ([entry, target]) => !entry.endsWith('.json') && (typeof target === 'string' || 'default' in target),
);
for (const [entry] of modules) {
  test(`aniapi-elements${entry.slice(1)} imports in Node`, async () => {
    const module = await import(`aniapi-elements${entry.slice(1)}`);
    // ./popup exports signInWithPopup; what importing it lends the elements is seen in a page
    // (test/browser/popup-sign-in/popup-entry.test.ts).
    if (entry === './popup') assert.deepEqual(Object.keys(module), ['signInWithPopup']);
    // The pre-scrub is a classic script: it exports nothing, and where there is no address bar it does nothing.
    else if (entry === './aniapi-scrub.js') assert.deepEqual(Object.keys(module), []);
    else assert.ok(Object.keys(module).length > 0);
  });
}

/** A single file's exports without the short internal names its on-demand failure view imports from it. */
const publicNames = (module) =>
  Object.keys(module)
    .filter((name) => name.length > 2)
    .sort();

test('the single file, imported in Node, is the same API as the package entry', async () => {
  const single = await import('aniapi-elements/aniapi-elements.min.js');
  const entry = await import('aniapi-elements');
  assert.deepEqual(publicNames(single), Object.keys(entry).sort());
});

for (const [file, source] of [
  ['aniapi-user.min.js', 'bundles/aniapi-user.js'],
  ['aniapi-login.min.js', 'bundles/aniapi-login.js'],
  ['aniapi-login-user.min.js', 'bundles/aniapi-login-user.js'],
  ['aniapi-popup.min.js', 'bundles/aniapi-popup.js'],
  ['aniapi-callback.min.js', 'bundles/aniapi-callback.js'],
  ['aniapi-elements-popup.min.js', 'bundles/aniapi-elements-popup.js'],
]) {
  test(`the single file ${file}, imported in Node, is the same API as its source, dist/${source}`, async () => {
    const single = await import(`aniapi-elements/${file}`);
    const entry = await import(`../../dist/${source}`);
    assert.deepEqual(publicNames(single), Object.keys(entry).sort());
  });
}

test('the per-page single files carry only their own element', async () => {
  assert.doesNotMatch(await read('dist/aniapi-login.min.js'), /aniapi-callback|aniapi-user/);
  assert.doesNotMatch(await read('dist/aniapi-callback.min.js'), /"aniapi-login"|aniapi-user/);
  assert.doesNotMatch(await read('dist/aniapi-login-user.min.js'), /aniapi-callback/);
});

test('<aniapi-user> ships without the login and callback elements, and the package entry without it', async () => {
  assert.doesNotMatch(await read('dist/aniapi-user.min.js'), /aniapi-login|aniapi-callback/);
  assert.ok(!(await read('dist/aniapi-elements.min.js')).includes('aniapi-user'));
});

test('the session answers "signed out" in Node instead of throwing', async () => {
  const { getToken, getSession, logout, onChange } = await import('../../dist/session.js');
  assert.equal(getToken(), null);
  assert.equal(getSession(), null);
  assert.doesNotThrow(() => logout());
  const stop = onChange(() => {});
  assert.doesNotThrow(stop);
});

test('every export condition names a file the build made, types first', async () => {
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : Object.values(target);
    if (typeof target === 'object') assert.equal(Object.keys(target)[0], 'types', entry);
    for (const file of files) await read(file);
  }
});
