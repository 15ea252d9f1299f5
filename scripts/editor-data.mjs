// Writes the editor data from custom-elements.json, so that HTML editors complete and
// document the elements' tags, attributes and attribute values:
// - dist/vscode.html-custom-data.json, VS Code's custom HTML data (format 1.1), which
//   VS Code reads from the `html.customData` setting;
// - dist/web-types.json, JetBrains' Web Types, which WebStorm and the other JetBrains IDEs
//   find through package.json's `web-types` field.
// An attribute's values come from its type in the manifest: the literals of a union
// (`mode` is 'redirect' | 'popup'), or of the union an alias stands for, which the manifest
// records as `expandedType` (`store` is TokenStore: 'session' | 'local' | 'memory').
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { registeringModules } from './framework-types.mjs';

const root = new URL('../', import.meta.url);

const WEB_TYPES_SCHEMA = 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json';

/** The type text an editor should read: the alias's expansion when the manifest has one. */
const typeText = (item) => (item.expandedType ?? item.type)?.text;

/** The parts of a union's text, without `undefined` and `null` (an attribute left out is neither). */
const unionParts = (text) =>
  text
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'undefined' && part !== 'null');

/**
 * The values a type admits when it is a union of string or number literals
 * (`'session' | 'local' | 'memory'` gives session, local and memory), or null when it
 * admits any other value too (`string`, `number`, `TokenStore` unexpanded).
 */
export function literalValues(text) {
  if (!text) return null;
  const values = [];
  for (const part of unionParts(text)) {
    const literal = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$|^(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!literal) return null;
    values.push(literal[1] ?? literal[2] ?? literal[3]);
  }
  return values.length > 0 ? values : null;
}

/** What an attribute's type makes of its value: 'boolean' (present means on), 'number', 'enum', or 'string'. */
function valueKind(text) {
  if (!text) return null;
  const parts = unionParts(text);
  if (parts.length === 1 && parts[0] === 'boolean') return 'boolean';
  if (parts.length === 1 && parts[0] === 'number') return 'number';
  if (literalValues(text)) return 'enum';
  return 'string';
}

/** An attribute's default as it is written in HTML (`session`, `600`), or undefined when it says nothing. */
function htmlDefault(text) {
  if (text === undefined || text === 'undefined' || text === "''" || text === 'false') return undefined;
  return literalValues(text)?.[0] ?? text;
}

/** Each registered element's API, as the two formats need it, in the manifest's order. */
export function elementsFrom(manifest, packageJson) {
  // The module that registers each tag, and the package entry point that names it (dist/login.js is aniapi-elements/login).
  const definitions = registeringModules(manifest);
  const entryPoint = (path) => {
    const found = Object.entries(packageJson.exports ?? {}).find(
      ([, target]) => (typeof target === 'string' ? target : target.default) === `./${path}`,
    );
    return found && `${packageJson.name}${found[0].slice(1)}`;
  };
  const elements = [];
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const definition = definitions.get(declaration.tagName);
      elements.push({
        tag: declaration.tagName,
        className: declaration.name,
        module: definition && entryPoint(definition),
        summary: declaration.summary ?? '',
        description: declaration.description ?? '',
        attributes: (declaration.attributes ?? []).map((a) => ({
          name: a.name,
          description: a.description ?? '',
          type: typeText(a),
          kind: valueKind(typeText(a)),
          values: literalValues(typeText(a)),
          default: htmlDefault(a.default),
        })),
        properties: (declaration.members ?? [])
          .filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public')
          .map((m) => ({ name: m.name, description: m.description ?? '', type: typeText(m), readonly: !!m.readonly })),
        events: (declaration.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
        slots: (declaration.slots ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
        cssParts: (declaration.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
        cssStates: (declaration.cssStates ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
        cssProperties: (declaration.cssProperties ?? []).map((p) => ({
          name: p.name,
          description: p.description ?? '',
        })),
      });
    }
  }
  return elements;
}

const oneLine = (text) => text.replace(/\s*\n\s*/g, ' ').trim();
const list = (title, items, name) =>
  items.length > 0
    ? [
        `**${title}:**`,
        '',
        ...items.map((item) => `- ${name(item)}${item.description ? ` — ${oneLine(item.description)}` : ''}`),
      ]
    : [];

/**
 * An element's documentation in Markdown: its summary and description, then the parts of
 * its API that `sections` names (VS Code's data has nowhere else for events, slots or CSS).
 */
function elementMarkdown(element, sections) {
  const parts = [[[element.summary, oneLine(element.description)].filter(Boolean).join(' ')]];
  if (sections.includes('events')) parts.push(list('Events', element.events, (e) => `\`${e.name}\``));
  if (sections.includes('slots'))
    parts.push(list('Slots', element.slots, (s) => (s.name ? `\`${s.name}\`` : '(default)')));
  if (sections.includes('cssParts')) parts.push(list('CSS parts', element.cssParts, (p) => `\`::part(${p.name})\``));
  if (sections.includes('cssStates'))
    parts.push(list('CSS custom states', element.cssStates, (s) => `\`:state(${s.name})\``));
  if (sections.includes('cssProperties'))
    parts.push(list('CSS custom properties', element.cssProperties, (p) => `\`${p.name}\``));
  return parts
    .filter((part) => part.length > 0)
    .map((part) => part.join('\n'))
    .join('\n\n');
}

function attributeMarkdown(attribute) {
  return [oneLine(attribute.description), attribute.default !== undefined ? `Default: \`${attribute.default}\`.` : '']
    .filter(Boolean)
    .join(' ');
}

const markdown = (value) => ({ kind: 'markdown', value });

/**
 * VS Code's custom HTML data, format 1.1 (https://github.com/microsoft/vscode-custom-data),
 * whose descriptions may be Markdown. No $schema: the published one still describes format 1.
 */
export function vscodeCustomData(elements) {
  return {
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tag,
      description: markdown(elementMarkdown(element, ['events', 'slots', 'cssParts', 'cssStates', 'cssProperties'])),
      attributes: element.attributes.map((attribute) => ({
        name: attribute.name,
        description: markdown(attributeMarkdown(attribute)),
        // "v" is VS Code's value set for an attribute that takes no value.
        ...(attribute.kind === 'boolean' ? { valueSet: 'v' } : {}),
        ...(attribute.values ? { values: attribute.values.map((name) => ({ name })) } : {}),
      })),
    })),
  };
}

/** JetBrains' Web Types: https://github.com/JetBrains/web-types */
export function webTypes(elements, packageJson) {
  const described = (item) => ({
    name: item.name,
    ...(item.description ? { description: oneLine(item.description) } : {}),
  });
  return {
    $schema: WEB_TYPES_SCHEMA,
    name: packageJson.name,
    version: packageJson.version,
    'js-types-syntax': 'typescript',
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tag,
          description: elementMarkdown(element, ['cssStates']),
          ...(element.module ? { source: { module: element.module, symbol: element.className } } : {}),
          attributes: element.attributes.map((attribute) => ({
            ...described(attribute),
            ...(attribute.default !== undefined ? { default: attribute.default } : {}),
            // "enum" makes the IDE offer the attribute's `values`; "boolean" lets it stand without one.
            ...(attribute.kind ? { value: { type: attribute.kind } } : {}),
            ...(attribute.values ? { values: attribute.values.map((name) => ({ name })) } : {}),
          })),
          slots: element.slots.map((slot) => ({ ...described(slot), name: slot.name })),
          js: {
            properties: element.properties.map((property) => ({
              ...described(property),
              ...(property.type ? { type: property.type } : {}),
              ...(property.readonly ? { 'read-only': true } : {}),
            })),
            events: element.events.map(described),
          },
          css: {
            parts: element.cssParts.map(described),
            properties: element.cssProperties.map(described),
          },
        })),
      },
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
  const packageJson = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
  const elements = elementsFrom(manifest, packageJson);
  await mkdir(new URL('dist/', root), { recursive: true });
  const write = (name, data) => writeFile(new URL(`dist/${name}`, root), `${JSON.stringify(data, null, 2)}\n`);
  await write('vscode.html-custom-data.json', vscodeCustomData(elements));
  await write('web-types.json', webTypes(elements, packageJson));
}
