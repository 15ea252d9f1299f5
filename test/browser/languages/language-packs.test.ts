// The language packs as the package ships them, loaded by URL as an app's page loads
// them: the package entry registers none, each aniapi-elements/messages/<lang> registers
// its language for the package's elements, and each single file
// dist/aniapi-messages-<lang>.min.js registers into the same registry. That the packs are
// complete and keep their templates is checked in Node (test/node/messages.test.mjs).
import { expect, fixture, html } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import { ENTRIES, loadEntry } from '../package-exports.js';

type Entry = typeof import('../../../src/index.js');
type Pack = typeof import('../../../src/languages/it.js');

/** The languages the package ships, as its exports name them. */
const LANGUAGES = ENTRIES.flatMap((entry) => /^\.\/messages\/([\w-]+)$/.exec(entry)?.[1] ?? []);

/** The label of a login button of the package entry in `lang`. */
async function labelIn(lang: string): Promise<string> {
  const element = await fixture<AniapiLoginElement>(
    html`<aniapi-login lang=${lang} client-id="c" redirect-uri="https://app.test/cb"></aniapi-login>`,
  );
  const slot = element.shadowRoot!.querySelector('slot')!;
  return slot
    .assignedNodes({ flatten: true })
    .map((node) => node.textContent)
    .join('');
}

describe('the language packs, as built', () => {
  let entry: Entry;
  before(async () => {
    entry = await loadEntry<Entry>('.');
  });

  it('are none in the package entry: each shipped language says English until its pack is imported', async () => {
    expect(LANGUAGES).to.include.members(['it', 'fr', 'ja']);
    for (const lang of LANGUAGES) expect(await labelIn(lang), lang).to.equal('Log in with AniAPI');
  });

  for (const lang of LANGUAGES) {
    it(`aniapi-elements/messages/${lang} registers ${lang} for the package's elements`, async () => {
      const { messages } = await loadEntry<Pack>(`./messages/${lang}`);
      expect(await labelIn(lang)).to.equal(messages.login);
    });

    it(`dist/aniapi-messages-${lang}.min.js registers ${lang} into the registry the package's elements read`, async () => {
      const { messages } = await loadEntry<Pack>(`./messages/${lang}`);
      entry.registerMessages(lang, { login: 'Not yet' });
      expect(await labelIn(lang)).to.equal('Not yet');
      await loadEntry(`./aniapi-messages-${lang}.min.js`);
      expect(await labelIn(lang)).to.equal(messages.login);
    });
  }
});
