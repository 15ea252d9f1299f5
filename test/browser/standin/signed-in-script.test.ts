// standin.signedInScript(): a page that starts signed in, as a user's own tests make one. The format of the store
// belongs to the package, so this holds the stand-in's script to what the elements and the session module read.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import '../../../src/login.js';
import '../../../src/user.js';
import { getSession, logout } from '../../../src/token/token-store.js';
import { clearStorage } from '../helpers.js';

/** A stand-in's script for its demo user, and the stand-in's URL, as a test of a user's app gets them. */
function signedInScript(store?: 'session' | 'local') {
  return executeServerCommand<{ url: string; script: string }, { store?: string | undefined }>('standin-signed-in', {
    store,
  });
}

/** Runs a script as `page.addInitScript()` or a `<script>` does, before the page's own scripts. */
function run(script: string): void {
  const element = document.createElement('script');
  element.textContent = script;
  document.head.append(element);
  element.remove();
}

async function startSignedIn(store?: 'session' | 'local'): Promise<string> {
  const { url, script } = await signedInScript(store);
  run(script);
  return url;
}

describe('standin.signedInScript()', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  for (const store of [undefined, 'session', 'local'] as const) {
    it(`starts the page signed in (${store ?? 'default'} store): getSession, <aniapi-login> and <aniapi-user> see it`, async () => {
      const standin = await startSignedIn(store);
      const session = getSession();
      expect(session).not.to.equal(null);
      expect(session!.userId).to.equal('1');
      expect(session!.issuer).to.equal(standin);
      expect((store === 'local' ? localStorage : sessionStorage).length).to.be.greaterThan(0);
      const login = await fixture<AniapiLoginElement>(html`<aniapi-login></aniapi-login>`);
      expect(login.hasAttribute('signed-in')).to.equal(true);
      // The card asks the real stand-in, which knows the token it signed.
      const card = await fixture<AniapiUserElement>(html`<aniapi-user api-base=${standin}></aniapi-user>`);
      await waitUntil(() => card.status !== 'loading', 'the card never settled', { timeout: 5000 });
      expect(card.status).to.equal('signed-in');
      expect(card.user?.username).to.equal('demo');
    });
  }

  it('leaves a session that is there alone', async () => {
    await startSignedIn();
    const first = getSession()!.accessToken;
    await startSignedIn();
    expect(getSession()!.accessToken).to.equal(first);
  });

  it('does not sign in again when the next page load runs it after a logout', async () => {
    const { script } = await signedInScript();
    run(script);
    expect(getSession()).not.to.equal(null);
    logout();
    run(script);
    expect(getSession()).to.equal(null);
  });
});
