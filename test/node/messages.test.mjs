// The language packs against the built-in English: complete, templates kept, and shipped
// apart from the core. That each registers into the page's one registry, as an entry and
// as a single file, is seen in a page: test/browser/languages/language-packs.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LANGUAGES } from '../../rollup.config.mjs';
import { read } from './helpers.mjs';

const { CALLBACK_MESSAGES, LOGIN_MESSAGES } = await import('aniapi-elements/messages');
const { USER_MESSAGES } = await import('aniapi-elements/user');
const english = { ...LOGIN_MESSAGES, ...CALLBACK_MESSAGES, ...USER_MESSAGES };
const placeholders = (text) => text.match(/\{\w+\}/g) ?? [];

for (const lang of LANGUAGES) {
  test(`aniapi-elements/messages/${lang} translates every text, keeping its template`, async () => {
    const { messages } = await import(`aniapi-elements/messages/${lang}`);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort());
    for (const [key, text] of Object.entries(messages)) {
      assert.deepEqual(placeholders(text), placeholders(english[key]), `${lang} ${key}`);
      assert.notEqual(text, english[key], `${lang} ${key} is still English`);
    }
  });

  test(`dist/aniapi-elements.min.js holds none of the ${lang} texts`, async () => {
    const { messages } = await import(`aniapi-elements/messages/${lang}`);
    const core = await read('dist/aniapi-elements.min.js');
    // The longest piece of each text without a placeholder, which a template may start with.
    const piece = (text) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0];
    for (const text of Object.values(messages)) assert.ok(!core.includes(piece(text)), text);
  });
}
