import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import { aniapiToken, clearStorage, DEMO_USER as USER } from '../helpers.js';

// The two single files as a plain HTML page loads them, imported by URL:
// dist/aniapi-user.min.js first, alone, then beside the package's own.
const USER_BUNDLE = '/dist/aniapi-user.min.js';
const BUNDLE = '/dist/aniapi-elements.min.js';
type UserBundle = typeof import('../../../src/user.js');
type Bundle = typeof import('../../../src/index.js');
const load = <T>(url: string): Promise<T> => import(/* @vite-ignore */ url);

const knowsDemo = (async () => new Response(JSON.stringify({ status_code: 200, data: USER }))) as typeof fetch;

describe('dist/aniapi-user.min.js', () => {
  after(clearStorage);

  it('registers <aniapi-user> with its own class and nothing else, with the exports of ./user', async () => {
    const bundle = await load<UserBundle>(USER_BUNDLE);
    expect(customElements.get('aniapi-user')).to.equal(bundle.AniapiUserElement);
    expect([customElements.get('aniapi-login'), customElements.get('aniapi-callback')]).to.deep.equal([
      undefined,
      undefined,
    ]);
    expect(Object.keys(bundle).sort()).to.deep.equal(Object.keys(await import('../../../src/user.js')).sort());
  });

  it('shares the session with dist/aniapi-elements.min.js on one page: a login and a logout there reach the card', async () => {
    await load<UserBundle>(USER_BUNDLE);
    const elements = await load<Bundle>(BUNDLE);
    const [login, card] = [
      await fixture<AniapiLoginElement>(
        html`<aniapi-login client-id="id" redirect-uri="https://app.test/cb"></aniapi-login>`,
      ),
      await fixture<AniapiUserElement>(
        html`<aniapi-user api-base="https://aniapi.test" .fetch=${knowsDemo}></aniapi-user>`,
      ),
    ];
    expect(card.status).to.equal('signed-out');

    elements.setToken(aniapiToken());
    await waitUntil(() => card.status === 'signed-in', 'the card did not hear the login');
    await Promise.all([card.updateComplete, login.updateComplete]);
    expect(card.shadowRoot!.querySelector('[part=name]')!.textContent).to.equal('demo');
    expect(login.matches(':state(signed-in)')).to.equal(true);

    elements.logout();
    await card.updateComplete;
    expect(card.status).to.equal('signed-out');
  });
});
