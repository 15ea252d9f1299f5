// Writes docs/api.md, the package's API reference, in one page. TypeDoc, with
// typedoc-plugin-markdown, documents every entry point of package.json's exports from its
// declarations in dist/ (functions, classes, constants, interfaces and types), a page per
// entry point; this joins those pages after a head of what TypeDoc cannot read: each
// element's attributes, events, slots, parts, states and CSS properties, from
// custom-elements.json, and each error code's meaning, from the comment above it, which
// TypeDoc reads but its Markdown leaves out. It reads the build, so `npm run docs` builds
// first; a Node test checks, after npm test's build, that docs/api.md is what it makes, so
// the reference cannot go stale.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import GithubSlugger from 'github-slugger';
import { Application, Converter, ReflectionKind } from 'typedoc';

const root = fileURLToPath(new URL('../', import.meta.url));
const read = (path) => readFile(join(root, path), 'utf8');

const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const code = (text) => (text ? `\`${text}\`` : '');
const table = (headings, rows) =>
  rows.length === 0
    ? []
    : [
        `| ${headings.join(' | ')} |`,
        `|${headings.map(() => '---').join('|')}|`,
        ...rows.map((row) => `| ${row.map((cell) => oneLine(cell).replace(/\|/g, '\\|')).join(' | ')} |`),
        '',
      ];

/** The anchor GitHub gives each heading of `lines`, by line number (github-slugger numbers repeats; fenced code skipped). */
function anchors(lines) {
  const slugger = new GithubSlugger();
  const result = new Map();
  let fenced = false;
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#+ (.*)$/.exec(line)?.[1];
    if (heading) result.set(i, slugger.slug(heading));
  }
  return result;
}

/** The package's entry points with types, by name (`aniapi-elements/session`), in the exports map's order. */
function entryPoints(pkg) {
  return Object.entries(pkg.exports)
    .filter(([key, value]) => typeof value === 'object' && !key.endsWith('.js'))
    .map(([key, value]) => ({ name: key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`, types: value.types }));
}

/** A comment TypeDoc has read, as one line; a `{@link X}` is `X` in code. */
const commentText = (parts = []) =>
  oneLine(parts.map((p) => (p.kind === 'inline-tag' ? code(p.text) : p.text)).join(''));

/** A union type alias: its doc comment, and its members, each with the comment before it. */
const union = (alias) => ({
  doc: commentText(alias.comment?.summary),
  members: alias.type.types.map((member, i) => ({
    value: member.value,
    doc: commentText(alias.type.elementSummaries?.[i]),
  })),
});

/**
 * TypeDoc's pages, one per entry point: [path in `out`, Markdown]; fills `details` with each
 * event's detail type and `unions` with the type aliases AniapiErrorCode and AniapiErrorCause.
 */
async function typedocPages(entries, elementClasses, details, unions, out) {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => entry.types),
    options: join(root, 'typedoc.json'),
    out,
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, ({ project }) => {
    for (const mod of project.getReflectionsByKind(ReflectionKind.Module)) {
      const entry = entries.find((e) => e.types.replace(/^\.\/dist\/|(\/index)?\.d\.ts$/g, '') === mod.name);
      if (entry) mod.name = entry.name;
    }
    // The elements are documented from the manifest, which knows their attributes, events and parts.
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Class | ReflectionKind.Interface))
      if (elementClasses.has(reflection.name)) project.removeReflection(reflection);
    // Each event's detail type, from AniapiEventMap: 'aniapi-token' is AniapiTokenEvent, a CustomEvent<AniapiTokenDetail>.
    const eventMap = project.getReflectionsByKind(ReflectionKind.Interface).find((r) => r.name === 'AniapiEventMap');
    for (const event of eventMap?.children ?? [])
      details.set(event.name, event.type.reflection?.type?.typeArguments?.[0]?.name);
    for (const alias of project.getReflectionsByKind(ReflectionKind.TypeAlias))
      if (alias.name === 'AniapiErrorCode' || alias.name === 'AniapiErrorCause') unions.set(alias.name, union(alias));
    // Members inherited from outside the package (HTMLElement's, a framework's JSX attributes) are theirs to document.
    for (const reflection of Object.values(project.reflections))
      if (reflection.inheritedFrom && !reflection.inheritedFrom.reflection) project.removeReflection(reflection);
  });
  const project = await app.convert();
  if (!project) throw new Error('api-reference: TypeDoc could not read the declarations; run npm run build first.');
  await app.generateOutputs(project);
  const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.md') && f !== 'README.md');
  return Promise.all(files.map(async (file) => [file.split('\\').join('/'), await readFile(join(out, file), 'utf8')]));
}

/** Prose without HTML: outside code spans, a `<` that could open a tag is escaped. */
const noHtml = (line) =>
  line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/<(?=[A-Za-z/!?])/g, '\\<')))
    .join('');

const fields = (element) => (element.members ?? []).filter((m) => m.kind === 'field');
const methods = (element) => (element.members ?? []).filter((m) => m.kind === 'method');
const signature = (m) =>
  `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text}`).join(', ')})`;

/** An element's sections: title, table headings, the manifest's items, and each item's row. */
const ELEMENT_SECTIONS = [
  [
    'Attributes',
    ['attribute', 'property', 'type', 'default', 'description'],
    (e) => e.attributes ?? [],
    (a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), a.description],
  ],
  [
    'Properties',
    ['property', 'type', 'access', 'description'],
    fields,
    (m) => [code(m.name), code(m.type?.text), m.readonly ? 'read-only' : 'read/write', m.description],
  ],
  ['Methods', ['method', 'description'], methods, (m) => [code(signature(m)), m.description]],
  ['Events', ['event', 'description'], (e) => e.events ?? [], (v) => [code(v.name), v.description]],
  ['Slots', ['slot', 'description'], (e) => e.slots ?? [], (s) => [s.name ? code(s.name) : '(default)', s.description]],
  ['CSS parts', ['part', 'description'], (e) => e.cssParts ?? [], (p) => [code(p.name), p.description]],
  [
    'CSS custom states',
    ['state', 'description'],
    (e) => e.cssStates ?? [],
    (s) => [code(`:state(${s.name})`), s.description],
  ],
  [
    'CSS custom properties',
    ['property', 'description'],
    (e) => e.cssProperties ?? [],
    (p) => [code(p.name), p.description],
  ],
];

/** The reference, as Markdown. */
export async function apiReference() {
  const pkg = JSON.parse(await read('package.json'));
  const manifest = JSON.parse(await read('custom-elements.json'));
  const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement));
  const entries = entryPoints(pkg);
  const out = await mkdtemp(join(tmpdir(), 'aniapi-api-reference-'));
  const details = new Map();
  const unions = new Map();
  const elementClasses = new Set(elements.map((e) => e.name));
  const pages = await typedocPages(entries, elementClasses, details, unions, out).finally(() =>
    rm(out, { recursive: true, force: true }),
  );

  const head = [
    '# API reference',
    '',
    pkg.description,
    '',
    '*Generated by `npm run docs` (`scripts/api-reference.mjs`, with TypeDoc) from `custom-elements.json` and the ' +
      'declarations in `dist/`; do not edit it, edit the JSDoc it comes from.*',
    '',
    '## Contents',
    '',
    ...elements.map((e) => `- [${code(`<${e.tagName}>`)}](@## ${code(`<${e.tagName}>`)})`),
    '- [Events](@## Events)',
    '- [Error codes](@## Error codes)',
    '- Entry points',
    ...entries.map((entry) => `  - [${code(entry.name)}](@## ${code(entry.name)})`),
    '',
  ];

  // Elements, from the manifest.
  for (const element of elements) {
    head.push(`## ${code(`<${element.tagName}>`)}`, '', `${element.summary ?? ''} Class ${code(element.name)}.`, '');
    head.push(oneLine(element.description), '');
    for (const [title, headings, items, row] of ELEMENT_SECTIONS) {
      const rows = items(element).map(row);
      if (rows.length) head.push(`### ${title}`, '', ...table(headings, rows));
    }
  }

  // Events: which element fires each, and its detail type, which TypeDoc documents under the entry points.
  const events = new Map();
  for (const element of elements)
    for (const e of element.events ?? []) events.set(e.name, [...(events.get(e.name) ?? []), element.tagName]);
  head.push('## Events', '', 'Each is a `CustomEvent` of `AniapiEventMap`; bubbles and is composed.', '');
  head.push(
    ...table(
      ['event', 'detail', 'fired by'],
      [...events].map(([name, tags]) => [
        code(name),
        details.get(name) ? `[${code(details.get(name))}](@#### ${details.get(name)})` : '',
        tags.map((t) => code(`<${t}>`)).join(', '),
      ]),
    ),
  );

  // Error codes, with what each means.
  const errors = unions.get('AniapiErrorCode');
  const causes = unions.get('AniapiErrorCause');
  head.push(
    '## Error codes',
    '',
    `${errors.doc} The \`code\` of an \`aniapi-error\` detail and of an \`AniapiError\`.`,
    '',
  );
  head.push(
    ...table(
      ['code', 'meaning'],
      errors.members.map((m) => [code(m.value), m.doc]),
    ),
  );
  head.push('### `AniapiErrorCause`', '', causes.doc, '');
  if (causes.members.some((m) => m.doc))
    head.push(
      ...table(
        ['cause', 'meaning'],
        causes.members.map((m) => [code(m.value), m.doc]),
      ),
    );
  else if (!causes.members.every((m) => causes.doc.includes(code(m.value))))
    head.push(`Values: ${causes.members.map((m) => code(m.value)).join(', ')}.`, '');

  // The entry points, TypeDoc's pages a heading level down, in the exports map's order. Each
  // heading's {#anchor} is where TypeDoc's links point: it gives way to the anchor GitHub makes.
  const byTitle = new Map(pages.map(([file, text]) => [/^# (.*)$/m.exec(text)[1].replace(/\\/g, ''), { file, text }]));
  const body = [];
  const pageOf = [];
  const targets = new Map(); // a body line's heading: the key TypeDoc's links use for it
  for (const entry of entries) {
    const page = byTitle.get(entry.name);
    if (!page) throw new Error(`api-reference: TypeDoc wrote no page for ${entry.name}`);
    let fenced = false;
    for (const line of page.text.trimEnd().split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const [, heading, anchor] = (!fenced && /^#(#* .*?)(?: \{#([^}]+)\})?$/.exec(line)) || [];
      if (heading?.startsWith(' ')) {
        targets.set(body.push(`## ${code(entry.name)}`) - 1, page.file);
      } else if (heading) {
        targets.set(body.push(`##${heading}`) - 1, `${page.file}#${anchor}`);
      } else body.push(line.replace(/<a id="[^"]*"><\/a> ?/g, '')); // a table row's anchor: no HTML here
      pageOf[body.length - 1] = page.file;
    }
    body.push('');
    pageOf.push(page.file);
  }
  // Links in the head name their heading (`](@## Events)`): the first line that is that heading.
  const all = [...head, ...body];
  const anchorOf = anchors(all);
  const where = new Map();
  for (const [i, key] of targets) where.set(key, anchorOf.get(head.length + i));
  const headLinked = head.map((line) =>
    noHtml(line).replace(/\]\(@([^)]+)\)/g, (_, heading) => `](#${anchorOf.get(all.indexOf(heading))})`),
  );
  const linked = body.map((line, i) =>
    line.replace(/\[([^\]]*)\]\(([^)\s#]*)(#[^)\s]*)?\)/g, (link, text, path, anchor = '') => {
      if (/^[a-z]+:/.test(path)) return link;
      const file = path ? posix.normalize(posix.join(posix.dirname(pageOf[i]), path)) : pageOf[i];
      const target = where.get(`${file}${anchor}`);
      // A member TypeDoc lists without a heading of its own (a parameter, a table row) keeps its name only.
      return target ? `[${text}](#${target})` : text;
    }),
  );
  return `${[...headLinked, ...linked]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = join(root, 'docs/api.md');
  await writeFile(target, await apiReference());
  console.log(`Wrote ${relative(process.cwd(), target)}.`);
}
