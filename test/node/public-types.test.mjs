// The shipped typings carry the public API only: a member whose JSDoc says
// @internal (a test seam such as assignLocation() or fetch) is left out of dist/*.d.ts
// by stripInternal in tsconfig.build.json. This reads every source for such
// members and every built .d.ts, so a seam that leaks into the typings fails here.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { test } from 'node:test';
import { read, root } from './helpers.mjs';

/** Files under `dir` (a path from the package root, ending in /) whose names end in `suffix`. */
async function filesUnder(dir, suffix) {
  const paths = await readdir(new URL(dir, root), { recursive: true });
  return paths
    .filter((path) => path.endsWith(suffix))
    .map((path) => `${dir}${path.split(sep).join('/')}`)
    .sort();
}

const IDENT = String.raw`#?[A-Za-z_$][\w$]*`;
const MEMBER_MODIFIERS = String.raw`(?:(?:public|protected|private|readonly|static|override|declare|abstract|async|accessor|get|set)\s+)*`;
const TOP_LEVEL_KEYWORDS = String.raw`(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|interface|type|enum|namespace)\s+`;
const CONTAINER_HEAD = String.raw`^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type)\s+`;
const containerLine = new RegExp(`${CONTAINER_HEAD}([A-Za-z_$][\\w$]*)`);
const escape = (name) => name.replace(/[$]/g, '\\$');

/**
 * Each declaration right after a JSDoc that carries @internal: its name, and the
 * class, interface or type it is a member of (none for a top-level declaration).
 */
function internalMembers(source) {
  const found = [];
  for (const match of source.matchAll(/\/\*\*((?:[^*]|\*(?!\/))*)\*\//g)) {
    if (!/@internal\b/.test(match[1])) continue;
    const start = source.lastIndexOf('\n', match.index) + 1;
    const topLevel = match.index === start;
    const after = source.slice(match.index + match[0].length).replace(/^\s+/, '');
    const declaration = topLevel
      ? after.match(new RegExp(`^${TOP_LEVEL_KEYWORDS}(${IDENT})`))
      : after.match(new RegExp(`^${MEMBER_MODIFIERS}(${IDENT})\\s*[?!]?\\s*[:(<=;]`));
    if (!declaration) {
      throw new Error(`an @internal JSDoc at offset ${match.index} is not followed by a declaration this test reads`);
    }
    // The container: the nearest top-level class, interface or type above the comment.
    const above = source.slice(0, start).split('\n').reverse();
    const container = topLevel ? null : (above.map((line) => line.match(containerLine)?.[1]).find(Boolean) ?? null);
    found.push({ name: declaration[1], container });
  }
  return found;
}

/** The text of a declaration file without its comments, so that prose never reads as a declaration. */
const withoutComments = (text) => text.replace(/\/\*(?:[^*]|\*(?!\/))*\*\//g, '').replace(/\/\/[^\n]*/g, '');

/** The body of `class`/`interface`/`type` `name` in a declaration file, or null if it declares none. */
function bodyOf(declarations, name) {
  const head = new RegExp(`${CONTAINER_HEAD}${escape(name)}\\b[^{]*\\{`, 'm').exec(declarations);
  if (!head) return null;
  let depth = 1;
  let at = head.index + head[0].length;
  const from = at;
  for (; at < declarations.length && depth > 0; at++) {
    if (declarations[at] === '{') depth++;
    else if (declarations[at] === '}') depth--;
  }
  return declarations.slice(from, at - 1);
}

function declares(declarations, { name, container }) {
  if (container === null) return new RegExp(`^${TOP_LEVEL_KEYWORDS}${escape(name)}\\b`, 'm').test(declarations);
  const body = bodyOf(declarations, container);
  if (body === null) return false;
  return new RegExp(`^\\s*${MEMBER_MODIFIERS}${escape(name)}\\s*[?!]?\\s*[:(<;]`, 'm').test(body);
}

const sources = await filesUnder('src/', '.ts');
const marked = [];
for (const file of sources) {
  for (const member of internalMembers(await read(file))) marked.push({ file, ...member });
}

test('the sources mark their test seams @internal, and this test reads each mark', () => {
  // A seam renamed or unmarked would make the checks below pass for nothing.
  assert.ok(marked.length > 0, 'no @internal member found in src/');
});

for (const member of marked) {
  const typings = member.file.replace(/^src\//, 'dist/').replace(/\.ts$/, '.d.ts');
  const where = member.container ? `${member.container}.${member.name}` : member.name;
  test(`${where} (@internal in ${member.file}) is not declared in ${typings}`, async () => {
    const missing = `${typings} is missing: build first (npx tsc -p tsconfig.build.json)`;
    const text = await read(typings).catch(() => assert.fail(missing));
    assert.ok(!declares(withoutComments(text), member), `${typings} declares the @internal ${where}`);
  });
}

test('no declaration file in dist/ keeps an @internal declaration', async () => {
  const typings = await filesUnder('dist/', '.d.ts');
  assert.ok(typings.length > 0, 'dist/ has no .d.ts: build first');
  const leaks = [];
  for (const file of typings) if (/@internal\b/.test(await read(file))) leaks.push(file);
  assert.deepEqual(leaks, []);
});
