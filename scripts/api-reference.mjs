// Writes docs/api.md, the elements' API reference, from custom-elements.json
// (itself generated from the JSDoc). `--check` writes nothing and fails when
// docs/api.md is not what the manifest makes, so the reference cannot go stale.
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const target = new URL('docs/api.md', root);

const cell = (text = '') => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${text}\`` : '');

function table(headings, rows) {
  if (rows.length === 0) return '';
  return [
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

/** The Markdown reference for every element in the manifest. */
export function apiReference(manifest) {
  const out = [
    '# API reference',
    '',
    '<!-- Generated from custom-elements.json by scripts/api-reference.mjs (npm run docs); do not edit. -->',
    '',
    'The events, their details and every error code are in the README; the session module',
    '(`aniapi-elements/session`) is documented there too.',
    '',
  ];
  for (const mod of manifest.modules) {
    for (const element of mod.declarations ?? []) {
      if (!element.customElement) continue;
      const members = element.members ?? [];
      out.push(
        `## \`<${element.tagName}>\``,
        '',
        `${element.summary ?? ''} Class \`${element.name}\`.`,
        '',
        element.description.replace(/\n/g, ' '),
        '',
      );
      const sections = [
        [
          'Attributes',
          ['attribute', 'property', 'type', 'default', 'description'],
          (element.attributes ?? []).map((a) => [
            code(a.name),
            code(a.fieldName),
            code(a.type?.text),
            code(a.default),
            a.description,
          ]),
        ],
        [
          'Properties',
          ['property', 'type', 'access', 'description'],
          members
            .filter((m) => m.kind === 'field')
            .map((m) => [code(m.name), code(m.type?.text), m.readonly ? 'read-only' : 'read/write', m.description]),
        ],
        [
          'Methods',
          ['method', 'description'],
          members.filter((m) => m.kind === 'method').map((m) => [code(`${m.name}()`), m.description]),
        ],
        ['Events', ['event', 'description'], (element.events ?? []).map((e) => [code(e.name), e.description])],
        [
          'Slots',
          ['slot', 'description'],
          (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description]),
        ],
        ['CSS parts', ['part', 'description'], (element.cssParts ?? []).map((p) => [code(p.name), p.description])],
        [
          'CSS custom states',
          ['state', 'description'],
          (element.cssStates ?? []).map((p) => [code(`:state(${p.name})`), p.description]),
        ],
        [
          'CSS custom properties',
          ['property', 'description'],
          (element.cssProperties ?? []).map((p) => [code(p.name), p.description]),
        ],
      ];
      for (const [title, headings, rows] of sections) {
        if (rows.length > 0) out.push(`### ${title}`, '', table(headings, rows));
      }
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
  const wanted = apiReference(manifest);
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== wanted) {
      console.error('docs/api.md is out of date with custom-elements.json: run npm run docs and commit it.');
      process.exit(1);
    }
  } else {
    await writeFile(target, wanted);
  }
}
