// aniapi-elements/react on a server, where Next.js and other React frameworks render it
// first: importing it defines nothing and loads no element, and a server render is the
// bare tag with its plain attributes, never a property as an attribute (`clientid=""`).
// Its components cover what custom-elements.json says each element takes and fires: every
// property is set as one, and every event has its prop, typed (read from the type fixture
// test/types/react/app.tsx, which test/node/jsx-types.test.mjs type-checks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readJson, root } from './helpers.mjs';

// First, before anything else of this file can load an element.
const components = await import('aniapi-elements/react');
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
const { elementsOf } = await import('../../scripts/framework-types.mjs');

const manifest = await readJson('custom-elements.json');
const elements = elementsOf(manifest);
const COMPONENTS = { 'aniapi-login': 'AniapiLogin', 'aniapi-callback': 'AniapiCallback', 'aniapi-user': 'AniapiUser' };
const eventProp = (name) => `on${name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;

test('imports on a server without defining an element or loading one', () => {
  assert.deepEqual(Object.keys(components).sort(), ['AniapiCallback', 'AniapiLogin', 'AniapiUser']);
  // Lit's Node build installs a customElements of its own as it loads: no element class was loaded.
  assert.equal(globalThis.customElements, undefined);
  assert.equal(globalThis.HTMLElement, undefined);
});

test('the components cover the three elements of the manifest', () => {
  assert.deepEqual(elements.map((element) => element.tag).sort(), Object.keys(COMPONENTS).sort());
});

for (const element of elements) {
  const Component = components[COMPONENTS[element.tag]];

  test(`${COMPONENTS[element.tag]} renders <${element.tag}> on a server with its attributes and no property`, () => {
    const props = { 'data-test': 'plain', className: 'styled', children: 'label' };
    for (const { name } of element.properties) props[name] = `property-${name}`;
    for (const { name } of element.events) props[eventProp(name)] = () => {};
    const html = renderToString(createElement(Component, props));
    // The properties are set in the browser once hydrated: none is written out, under any name.
    assert.equal(
      html,
      `<${element.tag} data-test="plain" class="styled" defer-hydration="">label</${element.tag}>`,
      `each of ${element.properties.map((p) => p.name)} is a property`,
    );
    assert.equal(globalThis.customElements, undefined);
  });
}

test("each component's props type every property and every event of its element", () => {
  const fixture = fileURLToPath(new URL('test/types/react/', root));
  const { config } = ts.readConfigFile(`${fixture}tsconfig.json`, ts.sys.readFile);
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, fixture);
  const program = ts.createProgram(fileNames, options);
  const checker = program.getTypeChecker();
  const app = program.getSourceFile(`${fixture}app.tsx`);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(app));
  const propsOf = (name) => {
    const alias = exported.find((symbol) => symbol.name === name);
    const type = checker.getDeclaredTypeOfSymbol(alias);
    return new Map(type.getProperties().map((p) => [p.name, checker.getTypeOfSymbol(p)]));
  };
  for (const element of elements) {
    const props = propsOf(`${COMPONENTS[element.tag].replace(/^Aniapi/, '')}Props`);
    for (const { name } of element.properties) assert.ok(props.has(name), `${element.tag}: no prop ${name}`);
    const events = element.events.map((e) => eventProp(e.name)).sort();
    const eventProps = [...props.keys()].filter((name) => name.startsWith('onAniapi')).sort();
    assert.deepEqual(eventProps, events, `${element.tag}: the event props`);
    for (const { name } of element.events) {
      // The handler's event is the event's own type, from the DOM event map, not a bare Event.
      const handler = checker.getNonNullableType(props.get(eventProp(name)));
      const [signature] = handler.getCallSignatures();
      const event = checker.typeToString(checker.getTypeOfSymbol(signature.parameters[0]));
      const expected = checker.typeToString(
        checker.getTypeOfSymbol(
          checker
            .getDeclaredTypeOfSymbol(
              checker.resolveName('GlobalEventHandlersEventMap', app, ts.SymbolFlags.Type, false),
            )
            .getProperty(name),
        ),
      );
      assert.equal(event, expected, `${element.tag}: ${eventProp(name)}'s event`);
    }
  }
});
