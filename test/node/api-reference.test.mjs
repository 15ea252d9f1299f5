// docs/api.md is the complete reference: these read the built declarations and
// modules on their own (not through the generator) and check that every event and
// its detail's fields, every error code and every runtime export of the session
// entry is in it, that it holds no HTML, and that each of its links leads to one
// of its headings.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';
import { read, root } from './helpers.mjs';

const reference = await read('docs/api.md');

/** The part of `text` from the heading `heading` (with its `#`s) up to the next heading of its level or above. */
function section(heading, text = reference) {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/api.md has no heading ${heading}`);
  const level = heading.indexOf(' ');
  const next = new RegExp(`\n#{1,${level}} `, 'g');
  next.lastIndex = start + 1;
  const end = next.exec(text)?.index;
  return text.slice(start, end);
}

// The package's own typings, as an app that imports the entries sees them (with <aniapi-user>'s augmentation).
const program = ts.createProgram(
  ['dist/index.d.ts', 'dist/user.d.ts'].map((file) => fileURLToPath(new URL(file, root))),
  {
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  },
);
const checker = program.getTypeChecker();
const mainExports = checker.getExportsOfModule(
  checker.getSymbolAtLocation(program.getSourceFile(fileURLToPath(new URL('dist/index.d.ts', root)))),
);
const declaredType = (name) => {
  let symbol = mainExports.find((s) => s.name === name);
  while (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return checker.getDeclaredTypeOfSymbol(symbol);
};

test('every event of AniapiEventMap is in docs/api.md, with its detail type and its fields', () => {
  const eventMap = declaredType('AniapiEventMap');
  const events = checker.getPropertiesOfType(eventMap).map((p) => p.name);
  // The reading itself must see the package's events, the augmentation's included.
  for (const name of [
    'aniapi-login',
    'aniapi-token',
    'aniapi-error',
    'aniapi-logout',
    'aniapi-expiring',
    'aniapi-user',
  ])
    assert.ok(events.includes(name), name);
  const all = section('## Events');
  for (const name of events) {
    const eventType = checker.getTypeOfSymbol(eventMap.getProperty(name));
    const detail = checker.getTypeOfSymbol(eventType.getProperty('detail'));
    const detailName = detail.getSymbol().name;
    // The events table links each event to its detail type, documented with its entry point.
    assert.match(all, new RegExp(`\\n\\| \`${name}\` \\| \\[\`${detailName}\`\\]\\(#`), name);
    const text = section(`#### ${detailName}`);
    for (const field of detail.getProperties())
      assert.match(text, new RegExp(`\\| \`${field.name}\\??\` \\|`), `${name}.${field.name}`);
  }
});

test('every AniapiErrorCode and AniapiErrorCause is in the error codes of docs/api.md', () => {
  const codes = declaredType('AniapiErrorCode').types.map((t) => t.value);
  assert.ok(codes.length >= 15 && codes.includes('invalid_config') && codes.includes('popup_timeout'));
  const errors = section('## Error codes');
  for (const code of codes) assert.match(errors, new RegExp(`\\n\\| \`${code}\` \\| \\S`), code);
  for (const cause of declaredType('AniapiErrorCause').types.map((t) => t.value))
    assert.ok(errors.includes(`\`${cause}\``), cause);
});

test('every runtime export of aniapi-elements/session is documented in its section of docs/api.md', async () => {
  const names = Object.keys(await import('aniapi-elements/session'));
  assert.ok(names.length >= 5 && names.includes('getSession') && names.includes('onChange'));
  const session = section('## `aniapi-elements/session`');
  for (const name of names) assert.match(session, new RegExp(`\\n#### ${name}(\\(\\))?\\n`), name);
});

test('docs/api.md holds no HTML, and each of its links leads to one of its headings', () => {
  let fenced = false;
  const anchors = new Map();
  const links = [];
  for (const line of reference.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced || line.startsWith('```')) continue;
    const prose = line.replace(/``.*?``|`[^`]*`/g, '');
    assert.doesNotMatch(prose.replace(/\\</g, ''), /<[A-Za-z/!?]/, line);
    const heading = /^#+ (.*)$/.exec(line)?.[1];
    if (heading) {
      const base = heading
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const count = anchors.get(base) ?? 0;
      anchors.set(base, count + 1);
      if (count) anchors.set(`${base}-${count}`, 1);
    }
    for (const [, anchor] of line.matchAll(/\]\(#([^)]+)\)/g)) links.push(anchor);
  }
  assert.ok(links.length > 50);
  for (const anchor of links) assert.ok(anchors.has(anchor), `#${anchor}`);
});
