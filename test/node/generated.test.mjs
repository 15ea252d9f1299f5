// The API reference and the framework typings are generated from
// custom-elements.json (the reference from the built declarations too); these
// hold them to it, so neither can go stale or lose an item. The apps in
// demo/frameworks type-check real use of the typings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiReference } from '../../scripts/api-reference.mjs';
import { elementsOf, FRAMEWORKS } from '../../scripts/framework-types.mjs';
import { read } from './helpers.mjs';

const manifest = JSON.parse(await read('custom-elements.json'));

test('docs/api.md is what the manifest and the built declarations make (npm run docs rewrites it)', async () => {
  assert.equal(await read('docs/api.md'), await apiReference());
});

test('every settable property, attribute and event of each element is typed for each framework', async () => {
  const elements = elementsOf(manifest);
  assert.deepEqual(elements.map((e) => e.tag).sort(), ['aniapi-callback', 'aniapi-login', 'aniapi-user']);
  const settable = Object.fromEntries(
    elements.map((e) => [e.tag, [e.properties.map((p) => p.name), e.attributes.map((a) => a.name)]]),
  );
  assert.deepEqual(settable, {
    'aniapi-login': [
      [
        'clientId',
        'redirectUri',
        'authorizeUrl',
        'returnTo',
        'disabled',
        'mode',
        'store',
        'popupTimeout',
        'expiryWarning',
        'messages',
      ],
      [
        'client-id',
        'redirect-uri',
        'authorize-url',
        'return-to',
        'disabled',
        'mode',
        'store',
        'popup-timeout',
        'expiry-warning',
      ],
    ],
    'aniapi-callback': [
      ['store', 'autoReturn', 'expiryWarning', 'messages'],
      ['store', 'auto-return', 'expiry-warning'],
    ],
    // status and user are read-only, fetch a test seam: none is a framework input.
    'aniapi-user': [['apiBase', 'allowOrigin', 'messages'], ['api-base']],
  });
  for (const [name, write] of Object.entries(FRAMEWORKS)) {
    const typings = write(elements);
    for (const element of elements) {
      assert.match(typings, new RegExp(`'${element.tag}': `), `${name}: ${element.tag}`);
      // Solid's plain props are kebab-case and set the property; prop:clientId names it as it is.
      for (const property of element.properties)
        assert.match(
          typings,
          new RegExp(`(\\b|'prop:)${property.name}'?\\?: ${element.className}\\['${property.name}'\\]`),
          `${name}: ${element.tag} ${property.name}`,
        );
      for (const event of element.events)
        assert.ok(
          typings.includes(`GlobalEventHandlersEventMap['${event.name}']`),
          `${name}: ${element.tag} ${event.name}`,
        );
    }
    // The element sets signed-in itself: no framework may offer it as an input.
    assert.doesNotMatch(typings.replace(/\/\*\*.*?\*\//g, ''), /signed-?in/i, name);
    // A boolean attribute written "false" is on, so the attribute form takes only "on" values.
    // In Solid the attribute form is attr:auto-return; plain auto-return sets the property.
    if (name === 'solid') {
      assert.ok(typings.includes("'attr:auto-return'?: true | '';"), name);
      assert.ok(typings.includes("'bool:auto-return'?: boolean;"), name);
      assert.ok(typings.includes("'auto-return'?: AniapiCallbackElement['autoReturn'];"), name);
      assert.ok(!/'autoReturn'\?:/.test(typings), `${name}: Solid would set a property named "autoreturn"`);
    } else {
      if (name !== 'vue') assert.ok(typings.includes("'auto-return'?: true | '';"), name);
      assert.ok(!typings.includes("'auto-return'?: AniapiCallbackElement"), name);
    }
    // Each class comes from the entry that registers it: the package entry does not export <aniapi-user>'s.
    assert.ok(typings.includes("import type { AniapiUserElement } from '../user.js';"), name);
  }
});
