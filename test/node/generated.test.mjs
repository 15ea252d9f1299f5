// The API reference and the framework typings are generated from
// custom-elements.json; these hold them to it, so neither can go stale or lose an item.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiReference } from '../../scripts/api-reference.mjs';
import { elementsOf, FRAMEWORKS } from '../../scripts/framework-types.mjs';

const read = (path) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(await read('custom-elements.json'));

test('docs/api.md is what the manifest makes (npm run docs rewrites it)', async () => {
  assert.equal(await read('docs/api.md'), apiReference(manifest));
});

test('the typings the build shipped are what the manifest makes', async () => {
  const elements = elementsOf(manifest);
  for (const [name, write] of Object.entries(FRAMEWORKS)) {
    assert.equal(await read(`dist/frameworks/${name}.d.ts`), write(elements), name);
  }
});

test('every settable property, attribute and event of each element is typed for each framework', async () => {
  const elements = elementsOf(manifest);
  assert.deepEqual(elements.map((e) => e.tag).sort(), ['aniapi-callback', 'aniapi-login']);
  const login = elements.find((e) => e.tag === 'aniapi-login');
  assert.deepEqual(login.properties.map((p) => p.name), ['clientId', 'redirectUri', 'authorizeUrl', 'returnTo', 'disabled']);
  for (const [name, write] of Object.entries(FRAMEWORKS)) {
    const typings = write(elements);
    for (const element of elements) {
      assert.match(typings, new RegExp(`'${element.tag}': `), `${name}: ${element.tag}`);
      for (const property of element.properties) assert.match(typings, new RegExp(`\\b${property.name}\\?: ${element.className}\\['${property.name}'\\]`), `${name}: ${element.tag} ${property.name}`);
      for (const event of element.events) assert.ok(typings.includes(`GlobalEventHandlersEventMap['${event.name}']`), `${name}: ${element.tag} ${event.name}`);
    }
    // The element sets signed-in itself: no framework may offer it as an input.
    assert.doesNotMatch(typings, /signed-?[iI]n\??:/, name);
  }
});
