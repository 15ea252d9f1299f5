// The language packs against the built-in English: complete, templates kept,
// shipped apart from the core, and registering into the one registry of the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LANGUAGES } from '../../rollup.config.mjs';
import { read } from './helpers.mjs';

const registry = () => globalThis[Symbol.for('aniapi-elements.messages.v1')];
const { CALLBACK_MESSAGES, LOGIN_MESSAGES } = await import('aniapi-elements/messages');
const { USER_MESSAGES } = await import('aniapi-elements/user');
const english = { ...LOGIN_MESSAGES, ...CALLBACK_MESSAGES, ...USER_MESSAGES };
const placeholders = (text) => text.match(/\{\w+\}/g) ?? [];

test('the package entry registers no language: English is built in, the rest are entries of their own', () => {
  assert.deepEqual([...registry().packs.keys()], []);
});

for (const lang of LANGUAGES) {
  test(`aniapi-elements/messages/${lang} translates every text, keeping its template`, async () => {
    const { messages } = await import(`aniapi-elements/messages/${lang}`);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort());
    for (const [key, text] of Object.entries(messages)) {
      assert.deepEqual(placeholders(text), placeholders(english[key]), `${lang} ${key}`);
      assert.notEqual(text, english[key], `${lang} ${key} is still English`);
    }
    assert.deepEqual(registry().packs.get(lang), messages);
  });

  test(`dist/aniapi-messages-${lang}.min.js registers into the same registry, and the core single file holds none of it`, async () => {
    const { messages } = await import(`aniapi-elements/messages/${lang}`);
    registry().packs.delete(lang);
    await import(`../../dist/aniapi-messages-${lang}.min.js`);
    assert.deepEqual(registry().packs.get(lang), messages);
    const core = await read('dist/aniapi-elements.min.js');
    // The longest piece of each text without a placeholder, which a template may start with.
    const piece = (text) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0];
    for (const text of Object.values(messages)) assert.ok(!core.includes(piece(text)), text);
  });
}
