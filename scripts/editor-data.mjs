// The editor data, written into dist/ by the manifest analyzer's own plugins for VS Code
// (custom-element-vs-code-integration: vscode.html-custom-data.json, which VS Code reads
// from its `html.customData` setting) and JetBrains (custom-element-jet-brains-integration:
// web-types.json, which package.json's `web-types` field points the IDEs to). What is ours
// is what the manifest alone does not say, and the few places the plugins' output falls short.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import { getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The package entry that registers each class, by the manifest (dist/login.js is aniapi-elements/login). */
function entryPoints(manifest) {
  const entries = new Map();
  for (const mod of manifest.modules) {
    const [key] = Object.entries(packageJson.exports).find(([, target]) => target.default === `./${mod.path}`) ?? [];
    for (const e of mod.exports ?? [])
      if (e.kind === 'custom-element-definition' && key)
        entries.set(e.declaration.name, packageJson.name + key.slice(1));
  }
  return entries;
}

/**
 * The manifest as the editors should see it: only the attributes a user may write, those of a
 * writable field (`signed-in`, which the element sets for styling, has none: users are told not
 * to set it), and one description of each tag: its summary, its description and its custom
 * states (which the plugins do not list).
 */
function forEditors(customElementsManifest) {
  const manifest = structuredClone(customElementsManifest);
  for (const declaration of manifest.modules.flatMap((mod) => mod.declarations ?? [])) {
    if (!declaration.customElement) continue;
    const writable = new Set((declaration.members ?? []).filter((m) => !m.readonly).map((m) => m.name));
    declaration.attributes = (declaration.attributes ?? []).filter((a) => writable.has(a.fieldName));
    const states = (declaration.cssStates ?? []).map((s) => `- **:state(${s.name})** - ${s.description}`);
    declaration.editorDescription = [declaration.summary, declaration.description]
      .concat(states.length ? `### **CSS States:**\n${states.join('\n')}` : [])
      .filter(Boolean)
      .join('\n\n');
  }
  return manifest;
}

// The plugins print an undefined default for a CSS property that names none.
const parse = (json) => JSON.parse(json.replaceAll(' _(default: undefined)_', ''));

export function vscodeCustomData(manifest) {
  const data = parse(
    getVsCodeHtmlCustomData(manifest, { descriptionSrc: 'editorDescription', typesSrc: 'expandedType' }),
  );
  const booleans = new Set(
    manifest.modules
      .flatMap((mod) => mod.declarations ?? [])
      .flatMap((d) =>
        (d.attributes ?? []).filter((a) => a.type?.text === 'boolean').map((a) => `${d.tagName} ${a.name}`),
      ),
  );
  for (const tag of data.tags) {
    for (const attribute of tag.attributes) {
      // "v" is VS Code's value set for an attribute that takes no value.
      if (booleans.has(`${tag.name} ${attribute.name}`)) attribute.valueSet = 'v';
    }
  }
  return data;
}

export function webTypes(manifest) {
  const entries = entryPoints(manifest);
  const data = parse(
    getWebTypesData(manifest, {
      descriptionSrc: 'editorDescription',
      typesSrc: 'expandedType',
      modulePathTemplate: (name) => entries.get(name),
    }),
  );
  // Each element's CSS parts and properties, where the plugin lists all of them for every element.
  const declarations = new Map(manifest.modules.flatMap((mod) => mod.declarations ?? []).map((d) => [d.tagName, d]));
  const css = (items) => (items ?? []).map(({ name, description }) => ({ name, description }));
  for (const element of data.contributions.html.elements) {
    const { cssParts, cssProperties } = declarations.get(element.name);
    element.css = { parts: css(cssParts), properties: css(cssProperties) };
    if (!element['doc-url']) delete element['doc-url'];
  }
  delete data.contributions.css;
  return { ...data, 'js-types-syntax': 'typescript' };
}

/** The analyzer plugin: writes both files into dist/ from the finished manifest (list it last). */
export function editorData() {
  return {
    name: 'editor-data',
    packageLinkPhase({ customElementsManifest }) {
      const manifest = forEditors(customElementsManifest);
      const write = (name, data) =>
        writeFileSync(new URL(`../dist/${name}`, import.meta.url), `${JSON.stringify(data, null, 2)}\n`);
      mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
      write('vscode.html-custom-data.json', vscodeCustomData(manifest));
      write('web-types.json', webTypes(manifest));
    },
  };
}
