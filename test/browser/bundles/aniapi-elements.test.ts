import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { clearStorage } from '../helpers.js';

// The single-file build, as a plain HTML page loads it: no bundler, no import map.
// Imported by URL so that nothing of src/ is loaded before it.
const BUNDLE = '/dist/aniapi-elements.min.js';
type Bundle = typeof import('../../../src/index.js');
const load = (url: string): Promise<Bundle> => import(/* @vite-ignore */ url);

describe('dist/aniapi-elements.min.js', () => {
  after(clearStorage);

  it('registers both elements with its own classes', async () => {
    const bundle = await load(BUNDLE);
    expect(customElements.get('aniapi-login')).to.equal(bundle.AniapiLoginElement);
    expect(customElements.get('aniapi-callback')).to.equal(bundle.AniapiCallbackElement);
  });

  it('has the same exports as the package entry, and beyond them only the internal names its failure view imports', async () => {
    const bundle = await load(BUNDLE);
    const source = await import('../../../src/index.js');
    const view = await (await fetch('/dist/aniapi-elements-failure-view.min.js')).text();
    const imported = /import\s*\{([^}]*)\}\s*from\s*["']\.\/aniapi-elements\.min\.js["']/.exec(view)![1]!;
    const internal = imported
      .split(',')
      .map((binding) => binding.trim().split(/\s+as\s+/)[0]!)
      .filter((name) => !(name in source));
    expect(Object.keys(bundle).sort()).to.deep.equal([...Object.keys(source), ...internal].sort());
  });

  it('starts a login from a plain page', async () => {
    await load(BUNDLE);
    // The redirect URI on the page's own origin, where the pending login is kept.
    const element = await fixture(
      html`<aniapi-login
        client-id="id"
        redirect-uri=${`${location.origin}/cb`}
        authorize-url="https://aniapi.test/v1/oauth"
      ></aniapi-login>`,
    );
    element.addEventListener('aniapi-login', (event) => event.preventDefault());
    const heard = oneEvent(element, 'aniapi-login');
    element.shadowRoot!.querySelector('button')!.click();
    expect((await heard).detail.url).to.match(/^https:\/\/aniapi\.test\/v1\/oauth\?response_type=token&client_id=id&/);
  });

  it('takes a language from its own single file, registered into the one registry of the page', async () => {
    await load(BUNDLE);
    await load('/dist/aniapi-messages-fr.min.js');
    const element = await fixture(
      html`<aniapi-login lang="fr-CA" client-id="id" redirect-uri="https://app.test/cb"></aniapi-login>`,
    );
    expect(element.shadowRoot!.querySelector('slot')!.textContent).to.equal('Se connecter avec AniAPI');
  });

  it('loads a second time beside itself without throwing, and both copies share one session', async () => {
    const first = await load(BUNDLE);
    const second = await load(`${BUNDLE}?second-copy`);
    expect(second).not.to.equal(first);
    const heard: Array<string | null> = [];
    const stop = second.onChange((session) => heard.push(session?.accessToken ?? null));
    first.setToken('shared', 'memory');
    expect(second.getToken()).to.equal('shared');
    first.logout();
    stop();
    expect(heard).to.deep.equal(['shared', null]);
  });
});
