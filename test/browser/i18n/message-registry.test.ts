import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import '../../../src/login.js';
import { CALLBACK_FAILURE_MESSAGES } from '../../../src/i18n/callback-failure-messages.js';
import { LOGIN_MESSAGES } from '../../../src/i18n/english-messages.js';
import { registerMessages } from '../../../src/i18n/message-registry.js';
import { logout } from '../../../src/token/token-store.js';
import { completeWith } from '../callback-harness.js';
import { aniapiToken, clearStorage, startLogin, thrown } from '../helpers.js';
import type { AniapiError } from '../../../src/oauth/errors.js';

const labelOf = (element: AniapiLoginElement) =>
  element
    .shadowRoot!.querySelector('slot')!
    .assignedNodes({ flatten: true })
    .map((node) => node.textContent)
    .join('');
const statusOf = (element: AniapiCallbackElement) => element.shadowRoot!.querySelector('[part=status]')!.textContent;
const retryOf = (element: AniapiCallbackElement) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!;
const button = (lang?: string) =>
  fixture<AniapiLoginElement>(
    html`<aniapi-login lang=${lang ?? nothing} client-id="c" redirect-uri="https://app.test/cb"></aniapi-login>`,
  );

describe('messages', () => {
  const pageLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
    // A registration has no undo: the English that tests override is registered again. Their other
    // languages, eo and fr-CA's `failed`, are read by no other test.
    registerMessages('en', { ...LOGIN_MESSAGES, ...CALLBACK_FAILURE_MESSAGES });
  });
  after(() => {
    logout();
    clearStorage();
  });

  it('ship only English in the core: no other language until its entry is imported', async () => {
    for (const lang of ['it', 'fr', 'ja']) expect(labelOf(await button(lang)), lang).to.equal('Log in with AniAPI');
    document.documentElement.lang = 'it';
    const element = await button();
    expect(labelOf(element)).to.equal('Log in with AniAPI');
    await Promise.all([
      import('../../../src/languages/it.js'),
      import('../../../src/languages/fr.js'),
      import('../../../src/languages/ja.js'),
    ]);
    expect(await Promise.all(['fr', 'ja'].map(async (lang) => labelOf(await button(lang))))).to.deep.equal([
      'Se connecter avec AniAPI',
      'AniAPIでログイン',
    ]);
    // Registering updates the elements already on the page.
    await element.updateComplete;
    expect(labelOf(element)).to.equal('Accedi con AniAPI');
  });

  it('follow <html lang>', async () => {
    document.documentElement.lang = 'ja';
    expect(labelOf(await button())).to.equal('AniAPIでログイン');
  });

  it("follow the closest lang, on the element or an ancestor, over the page's", async () => {
    document.documentElement.lang = 'ja';
    const wrapper = await fixture(
      html`<div lang="fr">
        <p><aniapi-login></aniapi-login></p>
        <aniapi-login lang="it"></aniapi-login>
      </div>`,
    );
    const [inFrench, inItalian] = wrapper.querySelectorAll('aniapi-login');
    expect([labelOf(inFrench!), labelOf(inItalian!)]).to.deep.equal(['Se connecter avec AniAPI', 'Accedi con AniAPI']);
  });

  it('follow a lang outside the shadow root the element sits in', async () => {
    const host = await fixture(html`<section lang="ja"></section>`);
    const inner = host
      .attachShadow({ mode: 'open' })
      .appendChild(document.createElement('div'))
      .appendChild(document.createElement('aniapi-login'));
    await inner.updateComplete;
    expect(labelOf(inner)).to.equal('AniAPIでログイン');
  });

  it('fall back from a regional tag to its language, in any case, and to English for the rest', async () => {
    expect(labelOf(await button('FR-ca'))).to.equal('Se connecter avec AniAPI');
    expect(labelOf(await button('de'))).to.equal('Log in with AniAPI');
    document.documentElement.lang = 'it';
    // An empty lang means "unknown": English, not the page's Italian.
    expect(labelOf(await button(''))).to.equal('Log in with AniAPI');
  });

  it('take a regional pack first, then its language for what it leaves out', async () => {
    registerMessages('fr-CA', { failed: 'La connexion n’a pas marché. {reason}' });
    startLogin();
    const { element } = await completeWith(
      `access_token=${aniapiToken()}&state=${'z'.repeat(43)}`,
      html`<aniapi-callback lang="fr-CA"></aniapi-callback>`,
    );
    expect(statusOf(element)).to.equal(
      'La connexion n’a pas marché. La réponse ne correspond pas à la connexion lancée dans cet onglet.',
    );
    expect(retryOf(element).textContent).to.equal('Réessayer');
  });

  it('change when lang changes and the element is asked to update', async () => {
    const element = await button();
    element.lang = 'fr';
    element.requestUpdate();
    await element.updateComplete;
    expect(labelOf(element)).to.equal('Se connecter avec AniAPI');
    document.documentElement.lang = 'ja';
    element.removeAttribute('lang');
    element.requestUpdate();
    await element.updateComplete;
    expect(labelOf(element)).to.equal('AniAPIでログイン');
  });

  it("take an app's own language, partial, over English, on elements already shown", async () => {
    document.documentElement.lang = 'eo';
    const element = await button();
    registerMessages('EO', { login: 'Ensaluti per AniAPI' });
    await element.updateComplete;
    expect(labelOf(element)).to.equal('Ensaluti per AniAPI');
    startLogin();
    const { element: callback } = await completeWith(`access_token=${aniapiToken()}&state=${'z'.repeat(43)}`);
    expect(statusOf(callback)).to.equal(
      'Sign-in failed. The response does not belong to the sign-in this tab started.',
    );
  });

  it('refuse a language that is no BCP 47 tag with invalid_config, registering nothing', async () => {
    document.documentElement.lang = 'de-DE';
    for (const lang of ['de_DE', '', 'Deutsch (DE)']) {
      const failure = thrown<AniapiError>(() => registerMessages(lang, { login: 'Mit AniAPI anmelden' }));
      expect([failure.code, failure.message]).to.deep.equal([
        'invalid_config',
        `registerMessages takes a BCP 47 language tag, such as fr or fr-CA; ${JSON.stringify(lang)} is none.`,
      ]);
    }
    expect(labelOf(await button())).to.equal('Log in with AniAPI');
  });

  it('let an app override the built-in English, key by key, and a shipped pack too', async () => {
    registerMessages('en', { login: 'Sign in with AniAPI' });
    registerMessages('en', { retry: 'Start over' });
    expect(labelOf(await button())).to.equal('Sign in with AniAPI');
    const { messages: italian } = await import('../../../src/languages/it.js');
    registerMessages('it', { login: 'Entra con AniAPI' });
    try {
      expect(labelOf(await button('it'))).to.equal('Entra con AniAPI');
      startLogin();
      const { element } = await completeWith(`access_token=${aniapiToken()}&state=${'z'.repeat(43)}`);
      expect(retryOf(element).textContent).to.equal('Start over');
    } finally {
      registerMessages('it', italian);
    }
  });

  it("give an element's own messages the last word, in any language", async () => {
    registerMessages('en', { login: 'Sign in with AniAPI' });
    const element = await button('ja');
    element.messages = { login: 'Enter' };
    await element.updateComplete;
    expect(labelOf(element)).to.equal('Enter');
    element.messages = undefined;
    await element.updateComplete;
    expect(labelOf(element)).to.equal('AniAPIでログイン');
  });

  it('leave a slotted label alone', async () => {
    const element = await fixture<AniapiLoginElement>(html`<aniapi-login lang="it">Entra</aniapi-login>`);
    expect(labelOf(element)).to.equal('Entra');
  });

  it("say each outcome of the callback in the page's language", async () => {
    document.documentElement.lang = 'ja';
    const { element, events } = await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
    expect(events[0]!.type).to.equal('aniapi-token');
    expect(statusOf(element)).to.equal('ログインしました。');
    logout();
    const { element: failed } = await completeWith(`access_token=${aniapiToken()}&state=${'z'.repeat(43)}`);
    // Japanese joins the sentences without a space. The test server is on localhost, hence the loopback hint.
    expect(statusOf(failed)).to.equal(
      'ログインできませんでした。このタブではログインが開始されていません。このコンピューターでは localhost と 127.0.0.1 は別のサイトです。このページと同じアドレスからログインを始めてください。',
    );
    expect(retryOf(failed).textContent).to.equal('もう一度試す');
    clearStorage();
    const { element: lost } = await completeWith(
      `access_token=${aniapiToken()}&state=${'z'.repeat(43)}`,
      html`<aniapi-callback lang="it"></aniapi-callback>`,
    );
    expect(statusOf(lost)).to.equal(
      'Accesso non riuscito. In questa scheda non è stato avviato alcun accesso. Su questo computer localhost e 127.0.0.1 sono siti diversi: avvia l’accesso dallo stesso indirizzo di questa pagina. Questa scheda non sa da dove è partito l’accesso: torna al sito e accedi da lì.',
    );
    expect(retryOf(lost).hidden).to.equal(true);
  });

  it("say the card's states in the closest language, and the name where the template puts it", async () => {
    const { setToken } = await import('../../../src/token/token-store.js');
    await import('../../../src/user.js');
    const answer = (user: unknown) =>
      Promise.resolve(new Response(JSON.stringify({ status_code: 200, message: 'Hi', data: user, version: '1' })));
    const card = await fixture<AniapiUserElement>(
      html`<aniapi-user
        lang="ja"
        api-base="http://127.0.0.1:8765"
        .fetch=${() => answer({ id: 1, username: 'demo' })}
      ></aniapi-user>`,
    );
    const shown = (part: string) => {
      const slot = card.shadowRoot!.querySelector(`[part=${part}] slot`) as HTMLSlotElement;
      return slot
        .assignedNodes({ flatten: true })
        .map((node) => node.textContent)
        .join('');
    };
    expect(shown('signed-out')).to.equal('ログインしていません。');
    setToken(aniapiToken());
    await waitUntil(() => card.status === 'signed-in');
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('demo としてログインしました');
    card.lang = 'fr';
    card.requestUpdate();
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Connecté en tant que demo');
    expect(shown('loading')).to.equal('Chargement…');
    logout();
  });

  it('put provider text in a template as it is, even with $ patterns', async () => {
    const { element } = await completeWith(
      `error=access_denied&error_description=${encodeURIComponent("$& $' $1 {reason}")}&state=${startLogin()}`,
      html`<aniapi-callback lang="fr"></aniapi-callback>`,
    );
    await waitUntil(() => element.result !== null);
    expect(statusOf(element)).to.equal("La connexion a échoué. AniAPI a refusé la connexion\u00a0: $& $' $1 {reason}");
  });
});
