// Writes docs/api.md, the package's complete API reference, from its sources of
// truth: custom-elements.json (the elements, from their JSDoc), the TypeScript
// declarations in dist/ (the events and their details, the error codes, every
// entry point's functions, constants and types, read with the compiler API),
// package.json's exports map (the entry points) and rollup.config.mjs (the single
// files). It reads the build, so `npm run docs` builds first. `--check` writes
// nothing and fails when docs/api.md is not what they make; test/node/ checks the
// same after npm test's build, so the reference cannot go stale.
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = new URL('../', import.meta.url);
const target = new URL('docs/api.md', ROOT);

// --- Markdown ---------------------------------------------------------------

const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|');
const code = (text) => (text ? (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``) : '');
/**
 * Prose without HTML: outside code spans, an element's tag (`<aniapi-login>`)
 * goes into code, and any other `<` that could open a tag is escaped.
 */
const noHtml = (line) =>
  line
    .split(/(``.*?``|`[^`]*`)/)
    .map((part, i) =>
      i % 2 ? part : part.replace(/<(?=[A-Za-z/!?])/g, '\\<').replace(/\\<([a-z]\w*-[\w-]*)>/g, '`<$1>`'),
    )
    .join('');
/** The first sentence of a doc comment, on one line (a sentence that opens a list ends before it). */
const summary = (text = '') =>
  oneLine(text.split(/\n\s*\n|\n\s*- /)[0])
    .split(/(?<=\.)\s+(?=[A-Z`(])/)[0]
    .replace(/:$/, '.');

function table(headings, rows) {
  if (rows.length === 0) return [];
  return [
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/**
 * A Markdown document whose links to its own headings are written `](@key)`:
 * each heading may carry a key, and `text()` turns the keys into the anchors
 * GitHub gives the headings, duplicates numbered in document order.
 */
class Doc {
  lines = [];
  push(...lines) {
    this.lines.push(...lines);
  }
  heading(level, text, key) {
    this.lines.push({ heading: `${'#'.repeat(level)} ${text}`, key }, '');
  }
  text() {
    const anchors = new Map();
    const seen = new Map();
    let fenced = false;
    const lines = this.lines.map((line) => {
      if (typeof line === 'string') {
        if (line.startsWith('```')) fenced = !fenced;
        return fenced || line.startsWith('```') ? line : noHtml(line);
      }
      const base = slug(line.heading.replace(/^#+ /, ''));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      if (line.key) anchors.set(line.key, count ? `${base}-${count}` : base);
      return line.heading;
    });
    return `${lines
      .join('\n')
      .replace(/\]\(@([^)\s]+)\)/g, (_, key) => {
        if (!anchors.has(key)) throw new Error(`api-reference: no heading for the link ${key}`);
        return `](#${anchors.get(key)})`;
      })
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`;
  }
}

// --- Paths ------------------------------------------------------------------

/**
 * The module a path names, whatever its form: `src/login.ts`, `dist/login.js`,
 * `./dist/login.d.ts` and `login.js` are all `login`. The manifest has held
 * both the source and the built paths; each is the same module here.
 */
export const moduleKey = (path) =>
  path
    .replace(/^\.?\//, '')
    .replace(/^(src|dist)\//, '')
    .replace(/(\.d)?\.(ts|js|mjs)$/, '');

/** The package's entry points, from its exports map. */
export function entriesOf(pkg) {
  const modules = [];
  const singles = [];
  for (const [key, value] of Object.entries(pkg.exports)) {
    const name = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    if (typeof value === 'string') {
      if (value.endsWith('.js')) singles.push({ key, name, file: value });
    } else if (key.endsWith('.js')) {
      singles.push({ key, name, file: value.default, types: value.types });
    } else {
      modules.push({ key, name, types: value.types, js: value.default, typesOnly: !value.default });
    }
  }
  return { modules, singles };
}

// --- Reading the declarations -------------------------------------------------

/** Doc-comment parts as Markdown: `{@link X}` becomes `X` in code, `{@link X | text}` `text`. */
function partsText(parts = []) {
  let out = '';
  let link;
  for (const part of parts) {
    if (part.kind === 'link' && part.text.startsWith('{@link')) link = { name: '', text: '' };
    else if (part.kind === 'link') {
      out += code((link.text || link.name).trim());
      link = undefined;
    } else if (link) link[part.kind === 'linkText' ? 'text' : 'name'] += part.text;
    else out += part.text;
  }
  return out;
}

/** A `/** … *\/` comment's text, its tags left out. */
function commentText(comment) {
  const lines = comment
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
  const untagged = [];
  for (const line of lines) {
    if (/^@\w/.test(line.trim())) break;
    untagged.push(line);
  }
  return untagged
    .join('\n')
    .replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`')
    .trim();
}

/** The JSDoc comments written just before `pos` (leading trivia). */
function docCommentsAt(text, pos) {
  return (ts.getLeadingCommentRanges(text, pos) ?? [])
    .map((range) => text.slice(range.pos, range.end))
    .filter((comment) => comment.startsWith('/**'));
}

class Declarations {
  constructor(root, files) {
    this.root = root;
    this.program = ts.createProgram(
      files.map((file) => fileURLToPath(new URL(file, root))),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
    );
    this.checker = this.program.getTypeChecker();
  }

  resolve(symbol) {
    while (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  /** Each export of the module at `file` (relative to the root): its name and its declaration's symbol. */
  exportsOf(file) {
    const source = this.program.getSourceFile(fileURLToPath(new URL(file, this.root)));
    if (!source) throw new Error(`api-reference: ${file} is missing; run npm run build first.`);
    const module = this.checker.getSymbolAtLocation(source);
    if (!module) return [];
    return this.checker
      .getExportsOfModule(module)
      .map((symbol) => ({ name: symbol.name, symbol: this.resolve(symbol) }));
  }

  doc(symbol) {
    return partsText(symbol.getDocumentationComment(this.checker)).trim();
  }

  tags(symbol) {
    return symbol.getJsDocTags(this.checker).map((tag) => ({ name: tag.name, text: partsText(tag.text).trim() }));
  }

  /** An interface's own members (those of its declarations and augmentations, not inherited ones). */
  members(symbol) {
    const declarations = new Set(symbol.declarations);
    return this.checker
      .getPropertiesOfType(this.checker.getDeclaredTypeOfSymbol(symbol))
      .filter((property) => property.declarations?.some((d) => declarations.has(d.parent)))
      .map((property) => {
        const declaration = property.valueDeclaration ?? property.declarations[0];
        const method = ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration);
        return {
          name: method ? signature(property.name, declaration, { returns: false }) : property.name,
          optional: Boolean(property.flags & ts.SymbolFlags.Optional),
          type: declaration.type?.getText() ?? this.checker.typeToString(this.checker.getTypeOfSymbol(property)),
          doc: this.doc(property),
          symbol: property,
        };
      });
  }

  /**
   * The members of a union type alias, each with the doc comment written
   * before it, in the order written. The checker's view of the union must
   * agree, so that no member is missed.
   */
  unionMembers(symbol) {
    const declaration = symbol.declarations.find(ts.isTypeAliasDeclaration);
    const union = declaration.type;
    const text = declaration.getSourceFile().text;
    const members = ts.isUnionTypeNode(union) ? union.types : [union];
    const written = members.map((member, i) => {
      const docs = docCommentsAt(text, i === 0 ? union.pos : members[i - 1].end);
      return {
        value:
          ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal) ? member.literal.text : member.getText(),
        doc: docs.length ? commentText(docs.at(-1)) : '',
      };
    });
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    const values = (type.isUnion() ? type.types : [type]).map((t) => (t.isStringLiteral() ? t.value : undefined));
    const missing = values.filter((value) => !written.some((member) => member.value === value));
    if (missing.length) throw new Error(`api-reference: ${symbol.name} has members written elsewhere: ${missing}`);
    return written;
  }

  /** The `detail` type of an event type such as `CustomEvent<AniapiLoginDetail>`. */
  detailOf(eventType) {
    const detail = eventType.getProperty('detail');
    return detail && this.checker.getTypeOfSymbol(detail);
  }
}

/** The source file a built file was compiled from, by its source map; the file itself when it has none. */
async function sourceOf(root, built) {
  const file = new URL(built, root);
  const map = await readFile(new URL(`${file.href}.map`), 'utf8').catch(() => undefined);
  return map ? new URL(JSON.parse(map).sources[0], file) : file;
}

/**
 * The comment at the top of a module's source: its `@module` comment, or the
 * doc comment before its first import; in a generated file without one, its
 * leading `//` lines after the line that says it is generated.
 */
async function moduleDoc(root, built) {
  const text = await readFile(await sourceOf(root, built), 'utf8');
  const source = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest);
  const first = source.statements[0];
  const comment = first && docCommentsAt(text, first.pos)[0];
  if (comment) {
    const isImport = ts.isImportDeclaration(first) || ts.isExportDeclaration(first);
    return isImport || /@module\b/.test(comment) ? commentText(comment) : '';
  }
  const lines = (ts.getLeadingCommentRanges(text, 0) ?? [])
    .filter((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia)
    .map((range) => text.slice(range.pos + 2, range.end).trim());
  return lines.filter((line, i) => !(i === 0 && /^Generated\b.*do not edit/.test(line))).join('\n');
}

/** Every module a built JavaScript file (relative to the root) loads, itself included, by {@link moduleKey}. */
async function loadedModules(root, built, seen = new Set()) {
  const file = new URL(built, root);
  const key = moduleKey(relative(fileURLToPath(root), fileURLToPath(file)));
  if (seen.has(key)) return seen;
  seen.add(key);
  const text = await readFile(file, 'utf8');
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (fileName.startsWith('.')) await loadedModules(root, new URL(fileName, file).href, seen);
  }
  return seen;
}

// --- The reference -----------------------------------------------------------

const KIND_ORDER = ['function', 'class', 'constant', 'type'];

/** What kind of export a symbol is; values only count when the module really exports them at run time. */
function kindOf(symbol, runtime) {
  if (runtime) {
    if (symbol.flags & ts.SymbolFlags.Function) return 'function';
    if (symbol.flags & ts.SymbolFlags.Class) return 'class';
    if (symbol.flags & ts.SymbolFlags.Variable) return 'constant';
  }
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return 'type';
  return undefined;
}

/** `name<T>(parameters): returns`, as the declaration writes them. */
function signature(name, declaration, { returns = true } = {}) {
  const typeParameters = declaration.typeParameters
    ? `<${declaration.typeParameters.map((t) => t.getText()).join(', ')}>`
    : '';
  const parameters = declaration.parameters.map((p) => p.getText()).join(', ');
  const type = returns && declaration.type ? `: ${declaration.type.getText()}` : '';
  return `${name}${typeParameters}(${parameters})${type}`;
}

/** "{AniapiError} `x` when …" as "`AniapiError`: `x` when …". */
const throwsText = (text) => text.replace(/^\{([^}]+)\}\s*/, (_, type) => `${code(type)}: `);

function isPublicMember(member) {
  const modifiers = ts.getCombinedModifierFlags(member);
  if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
  return !(member.name && (ts.isPrivateIdentifier(member.name) || member.name.getText().startsWith('_')));
}

/**
 * The Markdown reference: every element of the manifest, every event and its
 * detail, every error code, and each entry point of `pkg` with what it exports.
 * Reads the built declarations and modules under `root`.
 */
export async function apiReference(manifest, { root = ROOT, pkg, rollupConfig } = {}) {
  pkg ??= JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  rollupConfig ??= (await import(new URL('rollup.config.mjs', root).href)).default;
  const { modules: entries, singles } = entriesOf(pkg);
  const decls = new Declarations(root, [
    ...entries.map((e) => e.types),
    ...singles.filter((s) => s.types).map((s) => s.types),
  ]);
  const doc = new Doc();

  // The elements, and which module registers each.
  const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement));
  const definedIn = new Map();
  for (const mod of manifest.modules) {
    for (const exported of mod.exports ?? []) {
      if (exported.kind === 'custom-element-definition') definedIn.set(exported.name, moduleKey(mod.path));
    }
  }
  const elementByClass = new Map(elements.map((e) => [e.name, e]));

  // Each entry's exports, at run time and in its declarations.
  for (const entry of entries) {
    entry.values = entry.js ? await import(new URL(entry.js, root).href) : {};
    entry.runtime = new Set(Object.keys(entry.values));
    entry.loads = entry.js ? await loadedModules(root, entry.js) : new Set();
    entry.exports = decls
      .exportsOf(entry.types)
      .map((e) => ({ ...e, kind: kindOf(e.symbol, entry.runtime.has(e.name)) }))
      .filter((e) => e.kind);
    entry.doc = await moduleDoc(root, entry.types);
    entry.key = `entry:${entry.name}`;
  }
  // Each export is documented once, in the smallest entry that has it.
  const home = new Map();
  for (const entry of [...entries].sort((a, b) => a.exports.length - b.exports.length)) {
    for (const e of entry.exports) if (!home.has(e.symbol)) home.set(e.symbol, entry);
  }
  const registeredBy = (tag) => entries.filter((entry) => entry.loads.has(definedIn.get(tag)));
  const entryLink = (entry) => `[${code(entry.name)}](@${entry.key})`;

  // The events, from the event map the `.` entry exports (augmented by the others').
  const main = entries.find((entry) => entry.key === `entry:${pkg.name}`);
  const eventMap = main.exports.find((e) => e.name === 'AniapiEventMap')?.symbol;
  if (!eventMap) throw new Error('api-reference: the package exports no AniapiEventMap');
  const events = decls.members(eventMap).map((event) => {
    const eventType = decls.checker.getTypeOfSymbol(event.symbol);
    const detail = decls.detailOf(eventType)?.getSymbol();
    return { name: event.name, eventType: event.type, detail, firedBy: [] };
  });
  for (const element of elements) {
    for (const fired of element.events ?? []) {
      events.find((event) => event.name === fired.name)?.firedBy.push({ element, description: fired.description });
    }
  }

  // The error codes.
  const errorCode = main.exports.find((e) => e.name === 'AniapiErrorCode')?.symbol;
  const errorCause = main.exports.find((e) => e.name === 'AniapiErrorCause')?.symbol;
  if (!errorCode || !errorCause) throw new Error('api-reference: the package exports no AniapiErrorCode');

  // Where each symbol is documented, for links.
  const linkTo = new Map([
    [eventMap, 'events'],
    [errorCode, 'errors'],
    [errorCause, 'errors:cause'],
  ]);
  for (const event of events) {
    if (event.detail) linkTo.set(event.detail, `event:${event.name}`);
    const alias = main.exports.find((e) => e.name === event.eventType)?.symbol;
    if (alias) linkTo.set(alias, `event:${event.name}`);
  }
  for (const entry of entries) {
    for (const e of entry.exports) {
      if (home.get(e.symbol) !== entry || linkTo.has(e.symbol)) continue;
      if (elementByClass.has(e.name)) linkTo.set(e.symbol, `element:${elementByClass.get(e.name).tagName}`);
      else if (!entry.typesOnly) linkTo.set(e.symbol, `symbol:${entry.name}:${e.name}`);
    }
  }
  const linked = (symbol, name) => (linkTo.has(symbol) ? `[${code(name)}](@${linkTo.get(symbol)})` : code(name));

  // The single files, and the module each is built from.
  for (const single of singles) {
    const built = rollupConfig.find((config) =>
      [config.output.file, config.output.entryFileNames && `dist/${config.output.entryFileNames}`].some(
        (file) => file && moduleKey(file) === moduleKey(single.file),
      ),
    );
    single.input = built?.input;
    single.from = single.input && entries.find((entry) => entry.js && moduleKey(entry.js) === moduleKey(single.input));
    single.doc = single.input && !single.from ? await moduleDoc(root, single.input) : '';
    single.loads = single.input ? await loadedModules(root, single.input) : new Set();
  }

  // --- Writing --------------------------------------------------------------

  doc.push('# API reference', '');
  doc.push(
    `${pkg.description}`,
    '',
    '*Generated by `scripts/api-reference.mjs` (`npm run docs`) from `custom-elements.json`, the declarations ' +
      'in `dist/` and `package.json`; do not edit it, edit the JSDoc it comes from.*',
    '',
  );
  doc.heading(2, 'Contents');
  doc.push(
    ...elements.map((e) => `- [${code(`<${e.tagName}>`)}](@element:${e.tagName})`),
    `- [Events](@events)`,
    ...events.map((e) => `  - [${code(e.name)}](@event:${e.name})`),
    `- [Error codes](@errors)`,
    '- Entry points',
    ...entries.map((entry) => `  - ${entryLink(entry)}`),
    `- [Single files](@singles)`,
    '',
  );

  // Elements.
  for (const element of elements) {
    const members = element.members ?? [];
    doc.heading(2, code(`<${element.tagName}>`), `element:${element.tagName}`);
    doc.push(`${element.summary ?? ''} Class ${code(element.name)}.`, '', oneLine(element.description), '');
    const registering = registeredBy(element.tagName);
    if (registering.length) doc.push(`Registered by importing ${registering.map(entryLink).join(', ')}.`, '');
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
        members
          .filter((m) => m.kind === 'method')
          .map((m) => {
            const parameters = (m.parameters ?? []).map(
              (p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`,
            );
            const returns = m.return?.type?.text ? `: ${m.return.type.text}` : '';
            return [code(`${m.name}(${parameters.join(', ')})${returns}`), m.description];
          }),
      ],
      [
        'Events',
        ['event', 'description'],
        (element.events ?? []).map((e) => [
          events.some((event) => event.name === e.name) ? `[${code(e.name)}](@event:${e.name})` : code(e.name),
          e.description,
        ]),
      ],
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
      if (rows.length > 0) {
        doc.heading(3, title);
        doc.push(...table(headings, rows));
      }
    }
  }

  // Events.
  doc.heading(2, 'Events', 'events');
  doc.push(`${code('AniapiEventMap')}: ${decls.doc(eventMap)}`, '');
  doc.push(
    ...table(
      ['event', 'detail', 'fired by'],
      events.map((event) => [
        `[${code(event.name)}](@event:${event.name})`,
        event.detail ? code(event.detail.name) : '',
        event.firedBy.map(({ element }) => `[${code(`<${element.tagName}>`)}](@element:${element.tagName})`).join(', '),
      ]),
    ),
  );
  for (const event of events) {
    doc.heading(3, code(event.name), `event:${event.name}`);
    const detail = event.detail;
    doc.push(`${code(event.eventType)}, detail ${code(detail?.name)}. ${detail ? decls.doc(detail) : ''}`, '');
    if (detail) {
      doc.push(
        ...table(
          ['field', 'type', 'description'],
          decls
            .members(detail)
            .map((m) => [code(`${m.name}${m.optional ? '?' : ''}`), code(m.type), fieldNote(m.type) + m.doc]),
        ),
      );
    }
    if (event.firedBy.length) {
      doc.push(
        ...table(
          ['fired by', 'when'],
          event.firedBy.map(({ element, description }) => [
            `[${code(`<${element.tagName}>`)}](@element:${element.tagName})`,
            description,
          ]),
        ),
      );
    }
  }

  /** A link to where a field's type is described, when it is one of ours. */
  function fieldNote(type) {
    const symbol = [...linkTo.keys()].find((s) => s.name === type);
    return symbol && linkTo.get(symbol).startsWith('errors') ? `See [${code(type)}](@${linkTo.get(symbol)}). ` : '';
  }

  // Error codes.
  doc.heading(2, 'Error codes', 'errors');
  doc.push(
    `${code('AniapiErrorCode')}: ${decls.doc(errorCode)} The elements report it in the detail of ` +
      `[${code('aniapi-error')}](@event:aniapi-error); the plain functions throw it as ` +
      `${linked(main.exports.find((e) => e.name === 'AniapiError')?.symbol, 'AniapiError')}.`,
    '',
  );
  doc.push(
    ...table(
      ['code', 'meaning'],
      decls.unionMembers(errorCode).map((m) => [code(m.value), m.doc]),
    ),
  );
  doc.heading(3, code('AniapiErrorCause'), 'errors:cause');
  const causes = decls.unionMembers(errorCause);
  const causeDoc = decls.doc(errorCause);
  doc.push(causeDoc, '');
  // The values, unless the comment already names each one.
  if (causes.some((m) => m.doc))
    doc.push(
      ...table(
        ['cause', 'meaning'],
        causes.map((m) => [code(m.value), m.doc]),
      ),
    );
  else if (!causes.every((m) => causeDoc.includes(code(m.value))))
    doc.push(`Values: ${causes.map((m) => code(m.value)).join(', ')}.`, '');

  // Entry points.
  for (const entry of entries) {
    doc.heading(2, code(entry.name), entry.key);
    if (entry.doc) doc.push(entry.doc, '');
    if (entry.typesOnly) doc.push('Types only: it has no JavaScript.', '');
    const tags = elements.filter((e) => registeredBy(e.tagName).includes(entry)).map((e) => e.tagName);
    if (tags.length)
      doc.push(`Registers ${tags.map((tag) => `[${code(`<${tag}>`)}](@element:${tag})`).join(', ')}.`, '');

    const own = entry.exports.filter((e) => home.get(e.symbol) === entry && !elementByClass.has(e.name));
    const elsewhere = entry.exports.filter((e) => !own.includes(e));
    const byHome = new Map();
    for (const e of elsewhere) {
      const where = elementByClass.has(e.name)
        ? `element:${elementByClass.get(e.name).tagName}`
        : home.get(e.symbol).key;
      byHome.set(where, [...(byHome.get(where) ?? []), e]);
    }
    const sortByKind = (list) =>
      [...list].sort(
        (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'en'),
      );

    for (const kind of KIND_ORDER) {
      const list = sortByKind(own.filter((e) => e.kind === kind));
      if (list.length === 0) continue;
      doc.heading(3, { function: 'Functions', class: 'Classes', constant: 'Constants', type: 'Types' }[kind]);
      if (kind === 'type') writeTypes(entry, list);
      else
        for (const e of list) ({ function: writeFunction, class: writeClass, constant: writeConstant })[kind](entry, e);
    }
    if (byHome.size) {
      doc.heading(3, 'Also exported');
      doc.push(
        ...table(
          ['exports', 'documented in'],
          [...byHome].map(([where, list]) => {
            const first = list[0];
            const target = where.startsWith('element:')
              ? `[${code(`<${where.slice(8)}>`)}](@${where})`
              : entryLink(home.get(first.symbol));
            return [
              sortByKind(list)
                .map((e) => linked(e.symbol, e.name))
                .join(', '),
              target,
            ];
          }),
        ),
      );
    }
  }

  function writeFunction(entry, { name, symbol }) {
    doc.heading(4, code(`${name}()`), linkTo.get(symbol));
    const declarations = symbol.declarations.filter(ts.isFunctionDeclaration);
    doc.push('```ts', ...declarations.map((d) => `function ${signature(name, d)};`), '```', '');
    doc.push(decls.doc(symbol), '');
    const tags = decls.tags(symbol);
    const parameters = declarations.at(-1).parameters.map((p) => {
      const tag = tags.find((t) => t.name === 'param' && t.text.split(/\s/)[0] === p.name.getText());
      return [
        code(`${p.name.getText()}${p.questionToken ? '?' : ''}`),
        code(p.type?.getText()),
        tag ? tag.text.slice(p.name.getText().length).trim() : '',
      ];
    });
    if (parameters.some((row) => row[2])) doc.push(...table(['parameter', 'type', 'description'], parameters));
    for (const tag of tags) {
      if (tag.name === 'returns' || tag.name === 'return') doc.push(`Returns: ${tag.text}`, '');
      else if (tag.name === 'throws') doc.push(`Throws ${throwsText(tag.text)}`, '');
      else if (tag.name === 'deprecated') doc.push(`Deprecated: ${tag.text}`, '');
    }
  }

  function writeClass(entry, { name, symbol }) {
    doc.heading(4, code(name), linkTo.get(symbol));
    const declaration = symbol.declarations.find(ts.isClassDeclaration);
    const heritage = (declaration.heritageClauses ?? []).map((h) => ` ${h.getText()}`).join('');
    const constructors = declaration.members.filter(ts.isConstructorDeclaration).filter(isPublicMember);
    doc.push(
      '```ts',
      `class ${name}${heritage}`,
      ...constructors.map((c) => `new ${signature(name, c)}`),
      '```',
      '',
      decls.doc(symbol),
      '',
    );
    const rows = declaration.members
      .filter((m) => !ts.isConstructorDeclaration(m) && m.name && isPublicMember(m))
      .map((m) => {
        const member = decls.checker.getSymbolAtLocation(m.name);
        const readonly = ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Readonly || ts.isGetAccessor(m);
        const text = ts.isMethodDeclaration(m) ? signature(m.name.getText(), m) : m.name.getText();
        return [code(text), code(m.type?.getText()), readonly ? 'read-only' : '', member ? decls.doc(member) : ''];
      });
    doc.push(...table(['member', 'type', 'access', 'description'], rows));
  }

  function writeConstant(entry, { name, symbol }) {
    doc.heading(4, code(name), linkTo.get(symbol));
    const declaration = symbol.valueDeclaration;
    const value = entry.values[name];
    const type = declaration.type?.getText();
    const primitive = value === null || typeof value !== 'object';
    // A value that holds code (a React component) is told by its type and doc alone: JSON would show `{}`.
    const holdsCode =
      !primitive && Reflect.ownKeys(value).some((key) => ['function', 'symbol'].includes(typeof value[key]));
    doc.push(
      `${code(type ?? typeof value)}${primitive ? `: ${code(JSON.stringify(value))}` : ''}. ${decls.doc(symbol)}`.trim(),
      '',
    );
    if (!primitive && Object.values(value).every((v) => typeof v === 'string')) {
      doc.push(
        ...table(
          ['key', 'text'],
          Object.entries(value).map(([key, text]) => [code(key), text]),
        ),
      );
    } else if (!primitive && !holdsCode) doc.push('```json', JSON.stringify(value, null, 2), '```', '');
  }

  function writeTypes(entry, list) {
    doc.push(
      ...table(
        ['type', 'description'],
        list.map(({ name, symbol }) => {
          // An alias without a comment says what it is by its definition.
          const definition = symbol.declarations.find(ts.isTypeAliasDeclaration)?.type.getText();
          const shown =
            summary(decls.doc(symbol)) || (definition && !definition.includes('\n') ? code(definition) : '');
          return [linked(symbol, name), shown];
        }),
      ),
    );
    for (const { name, symbol } of list) {
      const key = linkTo.get(symbol);
      if (!key?.startsWith('symbol:')) continue;
      doc.heading(4, code(name), key);
      doc.push(decls.doc(symbol), '');
      const alias = symbol.declarations.find(ts.isTypeAliasDeclaration);
      if (alias) {
        doc.push('```ts', alias.getText().replace(/^export\s+(declare\s+)?/, ''), '```', '');
        continue;
      }
      doc.push(
        ...table(
          ['member', 'type', 'description'],
          decls
            .members(symbol)
            .map((m) => [code(`${m.name}${m.optional ? '?' : ''}`), code(m.type), fieldNote(m.type) + m.doc]),
        ),
      );
    }
  }

  // Single files.
  doc.heading(2, 'Single files', 'singles');
  doc.push(
    ...table(
      ['file', 'what it is', 'registers'],
      singles.map((single) => [
        code(single.name),
        single.from ? `${entryLink(single.from)} in one file` : summary(single.doc),
        elements
          .filter((e) => single.loads.has(definedIn.get(e.tagName)))
          .map((e) => `[${code(`<${e.tagName}>`)}](@element:${e.tagName})`)
          .join(', '),
      ]),
    ),
  );
  return doc.text();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = JSON.parse(
    await readFile(new URL('custom-elements.json', ROOT), 'utf8').catch(() => {
      console.error('custom-elements.json is missing: run npm run build first (npm run docs does).');
      process.exit(1);
    }),
  );
  const wanted = await apiReference(manifest);
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== wanted) {
      console.error('docs/api.md is out of date: run npm run build and npm run docs, and commit it.');
      process.exit(1);
    }
  } else {
    await writeFile(target, wanted);
  }
}
