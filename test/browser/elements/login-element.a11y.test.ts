// <aniapi-login> in each of its states, checked with axe in each mode of a11y-modes.ts,
// and its edge and focus ring held to WCAG's 3:1 contrast.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import '../../../src/login.js';
import { logout, setToken } from '../../../src/token/token-store.js';
import { expectAccessible, inEachMode } from '../a11y-modes.js';
import { CALLBACK_URL, aniapiToken, clearStorage, part } from '../helpers.js';

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
const AUTHORIZE = 'https://aniapi.test/v1/oauth';

/** A login button in one of its states, its navigation recorded instead of performed. */
async function loginIn(
  state: 'idle' | 'labelled' | 'disabled' | 'redirecting' | 'signed-in' | 'error',
): Promise<AniapiLoginElement> {
  const element = await fixture<AniapiLoginElement>(
    state === 'labelled'
      ? html`<aniapi-login client-id=${CLIENT} redirect-uri=${CALLBACK_URL} authorize-url=${AUTHORIZE}
          >Sign in</aniapi-login
        >`
      : html`<aniapi-login client-id=${CLIENT} redirect-uri=${CALLBACK_URL} authorize-url=${AUTHORIZE}></aniapi-login>`,
  );
  element.assignLocation = () => {};
  if (state === 'disabled') element.disabled = true;
  if (state === 'redirecting') element.login();
  if (state === 'signed-in') setToken(aniapiToken());
  if (state === 'error') {
    element.redirectUri = 'not a url';
    element.login();
  }
  await element.updateComplete;
  if (!['idle', 'labelled', 'disabled'].includes(state))
    expect(element.matches(`:state(${state})`), state).to.equal(true);
  return element;
}

describe('<aniapi-login> accessibility', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => {
    logout();
    clearStorage();
  });

  inEachMode((mode) => {
    // "labelled": the page's own label in the default slot.
    for (const state of ['idle', 'labelled', 'disabled', 'redirecting', 'signed-in', 'error'] as const) {
      it(`${state} has no axe violation`, async () => {
        await expectAccessible(await loginIn(state), mode);
      });
    }

    it('shows where it is and where focus is', async () => {
      const element = await loginIn('idle');
      const button = part(element, 'button')!;
      const border = getComputedStyle(button);
      const forced = matchMedia('(forced-colors: active)').matches;
      // Its boundary: the background as the page is (AniAPI blue on white), the border in forced colors.
      const edge = forced ? border.borderTopColor : border.backgroundColor;
      expect(channels(edge).alpha, 'an invisible boundary').to.equal(1);
      expect(contrast(edge, forced ? border.backgroundColor : pageBackground()), 'boundary contrast').to.be.at.least(3);
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
});
