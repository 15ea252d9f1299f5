// <aniapi-callback> in each outcome it can show, checked with axe in each mode of
// a11y-modes.ts, and its live region: the role each outcome is announced with, and
// one announcement per outcome.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import { logout } from '../../../src/token/token-store.js';
import { expectAccessible, inEachMode } from '../a11y-modes.js';
import { arrive } from '../callback-harness.js';
import { aniapiToken, clearStorage, collectEvents, jwt, part, startLogin } from '../helpers.js';

/** Each outcome a callback can show, with the way it is reached; every failure but the last has a login to try again. */
const callbackStates: Array<[string, () => string, ((element: AniapiCallbackElement) => void)?]> = [
  ['success', () => `access_token=${aniapiToken()}&state=${startLogin()}`],
  [
    'success, taking the user back',
    () => `access_token=${aniapiToken()}&state=${startLogin({ returnTo: '/away' })}`,
    (element) => (element.autoReturn = true),
  ],
  ['no_response', () => (startLogin(), '')],
  ['malformed_response', () => `access_token=a&access_token=a&state=${startLogin()}`],
  [
    'no_pending_login',
    () => (
      sessionStorage.removeItem(`aniapi-elements.pending.${startLogin()}`),
      `access_token=a&state=${'q'.repeat(43)}`
    ),
  ],
  ['state_mismatch', () => `access_token=a&state=${startLogin().slice(1)}x`],
  ['login_expired', () => `access_token=a&state=${startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE - 1000 })}`],
  [
    'provider_error',
    () =>
      `error=access_denied&error_description=${'The+user+said+no.+'.repeat(4)}${'x'.repeat(150)}&state=${startLogin()}`,
  ],
  ['missing_token', () => `state=${startLogin()}`],
  ['token_expired', () => `access_token=${jwt({ exp: 1 })}&state=${startLogin()}`],
  [
    'invalid_config, with nothing to try again',
    () => `access_token=a&state=${startLogin()}`,
    (element) => (element.store = 'cookie' as 'session'),
  ],
  ['no_pending_login in a new tab, with nothing to try again', () => `access_token=a&state=${'q'.repeat(43)}`],
];

/** Reaches a callback state and waits for its outcome, with the page's navigation recorded instead of performed. */
async function callbackIn(
  fragment: () => string,
  setup?: (element: AniapiCallbackElement) => void,
): Promise<AniapiCallbackElement> {
  await arrive(fragment());
  const element = document.createElement('aniapi-callback');
  element.replaceLocation = () => {};
  setup?.(element);
  const { events, stop } = collectEvents(element);
  await fixture(html`<div>${element}</div>`);
  await waitUntil(() => events.length > 0, 'no outcome was reported');
  stop();
  await element.updateComplete;
  return element;
}

describe('<aniapi-callback> accessibility', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => {
    logout();
    clearStorage();
  });

  inEachMode((mode) => {
    it('signing in has no axe violation', async () => {
      await arrive(`access_token=a&state=${startLogin()}`);
      const element = document.createElement('aniapi-callback');
      document.body.append(element);
      try {
        await element.updateComplete;
        expect(part(element, 'status')!.textContent).to.equal('Signing you in…');
        await expectAccessible(element, mode);
      } finally {
        element.remove();
      }
    });

    for (const [state, fragment, setup] of callbackStates) {
      it(`${state} has no axe violation`, async () => {
        const element = await callbackIn(fragment, setup);
        const failed = element.result?.ok === false;
        // A failure interrupts; a success waits its turn.
        expect(part(element, 'status')!.getAttribute('role')).to.equal(failed ? 'alert' : 'status');
        expect(part(element, 'retry')!.hidden, 'Try again is offered').to.equal(
          !failed || state.includes('nothing to try'),
        );
        await expectAccessible(element, mode);
      });
    }
  });

  describe('the live region', () => {
    it('says "Signing you in…" until it reports the outcome there', async () => {
      const state = startLogin();
      await arrive(`access_token=t&state=${state}`);
      const { events, stop } = collectEvents();
      const element = document.createElement('aniapi-callback');
      document.body.append(element);
      await element.updateComplete;
      const status = part(element, 'status')!;
      expect(element.result?.ok).to.equal(true);
      expect([events.length, status.getAttribute('role'), status.textContent]).to.deep.equal([
        0,
        'status',
        'Signing you in…',
      ]);
      await waitUntil(() => events.length > 0);
      await element.updateComplete;
      stop();
      expect([status.getAttribute('role'), status.textContent]).to.deep.equal(['status', 'Signed in.']);
      element.remove();
    });

    it('says the outcome once, and is left alone by renders that change nothing', async () => {
      await arrive(`access_token=${aniapiToken()}&state=${startLogin()}`);
      const element = document.createElement('aniapi-callback');
      document.body.append(element);
      await element.updateComplete;
      const status = part(element, 'status')!;
      const changes: string[] = [];
      const observer = new MutationObserver(() =>
        changes.push(`${status.getAttribute('role')}: ${status.textContent}`),
      );
      observer.observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
      const { events, stop } = collectEvents(element);
      await waitUntil(() => events.length > 0);
      await element.updateComplete;
      // Renders that change no text: a property, the language asked again, the session changing.
      element.expiryWarning = 30;
      element.requestUpdate();
      logout();
      await element.updateComplete;
      stop();
      await new Promise((resolve) => setTimeout(resolve));
      observer.disconnect();
      expect(changes).to.deep.equal(['status: Signed in.']);
      // One live region, holding the outcome only: the button is outside it.
      const live = element.shadowRoot!.querySelectorAll('[role=status], [role=alert], [aria-live]');
      expect([...live]).to.deep.equal([status]);
      expect(status.contains(part(element, 'retry'))).to.equal(false);
      element.remove();
    });

    it('announces a failure as an alert, in words, with the provider text as text', async () => {
      const element = await callbackIn(
        () => `error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=${startLogin()}`,
      );
      const status = part(element, 'status')!;
      expect(status.getAttribute('role')).to.equal('alert');
      expect(status.textContent).to.equal('Sign-in failed. AniAPI did not sign you in: <b>no</b>');
      expect(status.children.length).to.equal(0);
      const retry = part<HTMLButtonElement>(element, 'retry')!;
      expect([retry.localName, retry.type, retry.textContent, retry.hidden]).to.deep.equal([
        'button',
        'button',
        'Try again',
        false,
      ]);
    });
  });
});
