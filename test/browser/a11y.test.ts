// Accessibility of every state of both elements, checked with axe-core as the
// page is, then with forced colors (Windows' contrast themes) and at 200% zoom.
//
// Forced colors are emulated through Chromium's DevTools protocol (test/commands.mjs);
// Firefox and WebKit under their drivers cannot emulate them, so those tests skip there.
// Zoom is CSS `zoom: 2` on <html>, in every engine: the page lays out in half the
// width at twice the size, as 200% browser zoom does, and must not scroll sideways.
import 'axe-core/axe.min.js';
import type { AxeResults } from 'axe-core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { AniapiCallbackElement } from '../../src/elements/callback-element.js';
import type { AniapiLoginElement } from '../../src/elements/login-element.js';
import type { AniapiUserElement, AniapiUserStatus } from '../../src/elements/user-element.js';
import '../../src/login.js';
import '../../src/user.js';
import { PENDING_LOGIN_MAX_AGE } from '../../src/oauth/pending-logins.js';
import { logout, setToken } from '../../src/token/token-store.js';
import { arrive } from './callback-harness.js';
import { CALLBACK_URL, aniapiToken, clearStorage, collectEvents, jwt, startLogin } from './helpers.js';

const { axe } = window as unknown as { axe: { run: (context: Element, options: object) => Promise<AxeResults> } };

/** axe's violations inside `element`, shadow root included, one line each. */
async function violations(element: Element): Promise<string[]> {
  const { violations: found } = await axe.run(element, { resultTypes: ['violations'] });
  return found.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((node) => node.target.join(' > ')).join(', ')}`);
}

/** The sRGB channels of a computed colour `rgb(a, b, c)` or `rgba(a, b, c, alpha)`, and its alpha. */
function channels(color: string): { rgb: number[]; alpha: number } {
  const [r, g, b, alpha = 1] = color.match(/[\d.]+/g)!.map(Number);
  return { rgb: [r!, g!, b!], alpha };
}

/** WCAG's contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = channels(color).rgb.map((c) =>
      c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The page's background, where the test page leaves it transparent: the canvas, white. */
const pageBackground = () => {
  const color = getComputedStyle(document.body).backgroundColor;
  return channels(color).alpha === 0 ? 'rgb(255, 255, 255)' : color;
};

const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const loginTemplate = html`<aniapi-login
  client-id=${CLIENT}
  redirect-uri=${CALLBACK_URL}
  authorize-url="https://aniapi.test/v1/oauth"
></aniapi-login>`;

/** A login button in one of its states, its navigation recorded instead of performed. */
async function loginIn(
  state: 'idle' | 'disabled' | 'redirecting' | 'signed-in' | 'error',
): Promise<AniapiLoginElement> {
  const element = await fixture<AniapiLoginElement>(loginTemplate);
  element.assignLocation = () => {};
  if (state === 'disabled') element.disabled = true;
  if (state === 'redirecting') element.login();
  if (state === 'signed-in') setToken(aniapiToken());
  if (state === 'error') {
    element.redirectUri = 'not a url';
    element.login();
  }
  await element.updateComplete;
  if (state !== 'idle' && state !== 'disabled') expect(element.matches(`:state(${state})`), state).to.equal(true);
  return element;
}

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
    'invalid_config',
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

const AVATAR = 'data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%201%201%22/%3E';

/** A user card in one of its states, AniAPI answered by a stub: never, with the user, or with a 429. */
async function userIn(state: AniapiUserStatus): Promise<AniapiUserElement> {
  if (state !== 'signed-out') setToken(aniapiToken());
  const body = {
    status_code: 200,
    message: 'Hi demo',
    data: { id: 1, username: 'demo', avatar: AVATAR },
    version: '1',
  };
  const fetch = () =>
    state === 'loading'
      ? new Promise<Response>(() => {})
      : Promise.resolve(
          state === 'error'
            ? new Response('{"status_code":429,"message":"Too Many Requests","data":"","version":"1"}', { status: 429 })
            : new Response(JSON.stringify(body)),
        );
  const element = await fixture<AniapiUserElement>(
    html`<aniapi-user api-base="http://127.0.0.1:8765" .fetch=${fetch}
      ><button type="button">Log out</button></aniapi-user
    >`,
  );
  await waitUntil(() => element.status === state, `never ${state}`);
  await element.updateComplete;
  return element;
}

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;

type Mode = {
  name: string;
  on: (test: Mocha.Context) => Promise<void>;
  off: () => Promise<void>;
  check?: (element: Element) => void;
};

const modes: Mode[] = [
  { name: 'as the page is', on: async () => {}, off: async () => {} },
  {
    name: 'in forced colors',
    on: async (test) => {
      // Chromium only: puppeteer's Firefox (WebDriver BiDi) and WebKit's driver cannot emulate forced colors.
      if (!(await executeServerCommand('emulate-forced-colors', { active: true }))) test.skip();
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    },
    off: async () => {
      await executeServerCommand('emulate-forced-colors', { active: false });
    },
  },
  {
    name: 'at 200% zoom',
    on: async () => {
      document.documentElement.style.zoom = '2';
    },
    off: async () => {
      document.documentElement.style.zoom = '';
    },
    // Nothing scrolls sideways: text wraps within the half-as-wide page.
    check: (element) => {
      const root = document.documentElement;
      expect(root.scrollWidth, 'the page scrolls sideways').to.be.at.most(root.clientWidth);
      for (const node of element.shadowRoot!.querySelectorAll<HTMLElement>('[part]')) {
        // An inline box has no clientWidth to compare with (Firefox still gives it a scrollWidth); it wraps with the text around it.
        if (node.hidden || getComputedStyle(node).display === 'inline') continue;
        expect(node.scrollWidth, `part ${node.getAttribute('part')} is cut off`).to.be.at.most(node.clientWidth + 1);
      }
    },
  },
];

describe('accessibility', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => {
    logout();
    clearStorage();
  });

  for (const mode of modes) {
    describe(mode.name, () => {
      beforeEach(async function () {
        await mode.on(this);
      });
      afterEach(() => mode.off());

      for (const state of ['idle', 'disabled', 'redirecting', 'signed-in', 'error'] as const) {
        it(`<aniapi-login> ${state} has no axe violation`, async () => {
          const element = await loginIn(state);
          expect(await violations(element)).to.deep.equal([]);
          mode.check?.(element);
        });
      }

      it('<aniapi-callback> signing in has no axe violation', async () => {
        await arrive(`access_token=a&state=${startLogin()}`);
        const element = document.createElement('aniapi-callback');
        document.body.append(element);
        try {
          await element.updateComplete;
          expect(part(element, 'status').textContent).to.equal('Signing you in…');
          expect(await violations(element)).to.deep.equal([]);
          mode.check?.(element);
        } finally {
          element.remove();
        }
      });

      for (const [state, fragment, setup] of callbackStates) {
        it(`<aniapi-callback> ${state} has no axe violation`, async () => {
          const element = await callbackIn(fragment, setup);
          const failed = element.result?.ok === false;
          expect(part(element, 'retry').hidden, 'Try again is offered').to.equal(
            !failed || state.includes('nothing to try'),
          );
          expect(await violations(element)).to.deep.equal([]);
          mode.check?.(element);
        });
      }

      for (const state of ['loading', 'signed-in', 'signed-out', 'error'] as const) {
        it(`<aniapi-user> ${state} has no axe violation`, async () => {
          const element = await userIn(state);
          expect(element.matches(`:state(${state})`)).to.equal(true);
          expect(await violations(element)).to.deep.equal([]);
          mode.check?.(element);
        });
      }

      it('<aniapi-login> shows where it is and where focus is', async () => {
        const element = await loginIn('idle');
        const button = part(element, 'button');
        const border = getComputedStyle(button);
        const forced = matchMedia('(forced-colors: active)').matches;
        // Its boundary: the background as the page is (AniAPI blue on white), the border in forced colors.
        const edge = forced ? border.borderTopColor : border.backgroundColor;
        expect(channels(edge).alpha, 'an invisible boundary').to.equal(1);
        expect(contrast(edge, forced ? border.backgroundColor : pageBackground()), 'boundary contrast').to.be.at.least(
          3,
        );
        element.focus();
        await sendKeys({ press: 'Shift' });
        expect(button.matches(':focus-visible')).to.equal(true);
        const ring = getComputedStyle(button);
        expect(ring.outlineStyle).to.equal('solid');
        expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
        // WCAG 2.4.11: the ring stands out from what it is drawn on, the page around the button.
        expect(contrast(ring.outlineColor, pageBackground()), 'focus ring contrast').to.be.at.least(3);
      });
    });
  }

  describe('the live region', () => {
    it('says the outcome once, and is left alone by renders that change nothing', async () => {
      await arrive(`access_token=${aniapiToken()}&state=${startLogin()}`);
      const element = document.createElement('aniapi-callback');
      document.body.append(element);
      await element.updateComplete;
      const status = part(element, 'status');
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
      const status = part(element, 'status');
      expect(status.getAttribute('role')).to.equal('alert');
      expect(status.textContent).to.equal('Sign-in failed. AniAPI did not sign you in: <b>no</b>');
      expect(status.children.length).to.equal(0);
      const retry = part(element, 'retry') as HTMLButtonElement;
      expect([retry.localName, retry.type, retry.textContent, retry.hidden]).to.deep.equal([
        'button',
        'button',
        'Try again',
        false,
      ]);
    });
  });
});
