// The editor data (VS Code's custom HTML data and JetBrains' Web Types) is written into
// dist/ by the build from custom-elements.json; these hold the built files to the manifest,
// so no tag or attribute goes missing, an attribute's values are the ones its type admits,
// and no editor offers the attributes the element only sets itself (signed-in).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJson } from './helpers.mjs';

const manifest = await readJson('custom-elements.json');
const packageJson = await readJson('package.json');
const vscode = await readJson('dist/vscode.html-custom-data.json');
const webTypes = await readJson('dist/web-types.json');

const declarations = manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.customElement);
const STORES = ['session', 'local', 'memory'];
const byName = (items, name) => items.find((item) => item.name === name);
/** The attributes a user may write, those of a writable field: the element sets the others itself. */
const settable = (declaration) =>
  declaration.attributes.filter((a) => declaration.members.some((m) => m.name === a.fieldName && !m.readonly));

test('the package points editors at the built files', () => {
  assert.equal(packageJson['web-types'], './dist/web-types.json');
  assert.equal(packageJson.exports['./web-types.json'], './dist/web-types.json');
  assert.equal(packageJson.exports['./vscode.html-custom-data.json'], './dist/vscode.html-custom-data.json');
  assert.ok(packageJson.files.includes('dist/'));
});

test('the manifest resolves the TokenStore alias for editors', () => {
  for (const tag of ['aniapi-login', 'aniapi-callback']) {
    const store = byName(declarations.find((d) => d.tagName === tag).attributes, 'store');
    assert.equal(store.type.text, 'TokenStore', tag);
    assert.equal(store.expandedType.text, "'session' | 'local' | 'memory'", tag);
  }
});

// signed-in is the element's to write; defer-hydration, a server renderer's (the React components').
test('signed-in and defer-hydration are in the manifest, with no field to write, and so in no editor data', () => {
  const login = declarations.find((d) => d.tagName === 'aniapi-login');
  const unsettable = ['signed-in', 'defer-hydration'];
  for (const name of unsettable) assert.ok(byName(login.attributes, name), name);
  assert.deepEqual(
    settable(login).map((a) => a.name),
    login.attributes.map((a) => a.name).filter((name) => !unsettable.includes(name)),
  );
  for (const name of unsettable) {
    assert.doesNotMatch(JSON.stringify(vscode.tags.map((t) => t.attributes)), new RegExp(name));
    assert.doesNotMatch(
      JSON.stringify(webTypes.contributions.html.elements.map((e) => e.attributes)),
      new RegExp(name),
    );
  }
});

// A description that is a string is Markdown to VS Code (vscode-html-languageservice reads it as
// { kind: 'markdown' }), as the plugin writes it.
test('VS Code custom data: format 1.1, every tag and attribute of the manifest, described', () => {
  assert.equal(vscode.version, 1.1);
  assert.ok(Array.isArray(vscode.tags));
  assert.deepEqual(
    vscode.tags.map((t) => t.name),
    declarations.map((d) => d.tagName),
  );
  for (const declaration of declarations) {
    const tag = byName(vscode.tags, declaration.tagName);
    assert.equal(typeof tag.description, 'string');
    assert.ok(tag.description.includes(declaration.summary), declaration.tagName);
    for (const event of declaration.events ?? []) assert.ok(tag.description.includes(`**${event.name}**`));
    assert.deepEqual(
      tag.attributes.map((a) => a.name),
      settable(declaration).map((a) => a.name),
      declaration.tagName,
    );
    for (const attribute of tag.attributes) {
      assert.equal(typeof attribute.name, 'string');
      assert.equal(typeof attribute.description, 'string');
      assert.ok(attribute.description.trim(), `${declaration.tagName} ${attribute.name}`);
      for (const value of attribute.values ?? []) assert.equal(typeof value.name, 'string');
    }
  }
  const login = byName(vscode.tags, 'aniapi-login');
  assert.deepEqual(
    byName(login.attributes, 'store').values,
    STORES.map((name) => ({ name })),
  );
  assert.deepEqual(
    byName(byName(vscode.tags, 'aniapi-callback').attributes, 'store').values,
    STORES.map((name) => ({ name })),
  );
  assert.deepEqual(byName(login.attributes, 'mode').values, [{ name: 'redirect' }, { name: 'popup' }]);
  assert.equal(byName(login.attributes, 'disabled').valueSet, 'v');
  assert.equal(byName(byName(vscode.tags, 'aniapi-callback').attributes, 'auto-return').valueSet, 'v');
  // Free text and numbers offer no values.
  for (const name of ['client-id', 'popup-timeout']) {
    assert.deepEqual(byName(login.attributes, name).values ?? [], [], name);
    assert.equal(byName(login.attributes, name).valueSet, undefined, name);
  }
});

test('Web Types: the schema, the package, and every element, attribute, event, part and property', () => {
  assert.match(webTypes.$schema, /web-types/);
  assert.equal(webTypes.name, packageJson.name);
  assert.equal(webTypes.version, packageJson.version);
  assert.equal(webTypes['js-types-syntax'], 'typescript');
  assert.equal(webTypes['description-markup'], 'markdown');
  const elements = webTypes.contributions.html.elements;
  assert.deepEqual(
    elements.map((e) => e.name),
    declarations.map((d) => d.tagName),
  );
  for (const declaration of declarations) {
    const element = byName(elements, declaration.tagName);
    assert.ok(element.description.includes(declaration.summary));
    assert.equal(element.source.symbol, declaration.name);
    // The module the IDE imports the class from is one the package exports.
    assert.ok(packageJson.exports[element.source.module.replace(packageJson.name, '.')], element.source.module);
    const names = (items) => (items ?? []).map((item) => item.name);
    assert.deepEqual(names(element.attributes), names(settable(declaration)), declaration.tagName);
    assert.deepEqual(names(element.js.events), names(declaration.events), declaration.tagName);
    assert.deepEqual(names(element.slots), names(declaration.slots), declaration.tagName);
    assert.deepEqual(names(element.css.parts), names(declaration.cssParts), declaration.tagName);
    assert.deepEqual(names(element.css.properties), names(declaration.cssProperties), declaration.tagName);
    assert.deepEqual(
      names(element.js.properties),
      names(declaration.members.filter((m) => m.kind === 'field')),
      declaration.tagName,
    );
    for (const state of declaration.cssStates ?? []) assert.ok(element.description.includes(`:state(${state.name})`));
    // Each value is typed in TypeScript (js-types-syntax), an alias expanded: the IDE offers a union's literals.
    for (const attribute of element.attributes) {
      const source = byName(declaration.attributes, attribute.name);
      assert.equal(attribute.value.type, (source.expandedType ?? source.type).text, attribute.name);
    }
  }
  const login = byName(elements, 'aniapi-login');
  const store = byName(login.attributes, 'store');
  assert.deepEqual(store.value, { type: STORES.map((name) => `'${name}'`).join(' | '), default: "'session'" });
  assert.equal(byName(login.attributes, 'mode').value.type, "'redirect' | 'popup'");
  assert.equal(byName(login.attributes, 'disabled').value.type, 'boolean');
  assert.equal(byName(login.attributes, 'popup-timeout').value.type, 'number');
  assert.equal(byName(login.js.properties, 'store').type, "'session' | 'local' | 'memory'");
});
