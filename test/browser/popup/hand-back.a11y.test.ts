// What <aniapi-callback> shows once it handed its response back to the window that
// started the login (aniapi-elements/popup), checked with axe in each mode of a11y-modes.ts.
import { expect } from '@open-wc/testing';
import '../../../src/popup.js';
import { logout } from '../../../src/session/token-store.js';
import { expectAccessible, inEachMode } from '../a11y-modes.js';
import { completeWith } from '../callback-harness.js';
import { aniapiToken, clearStorage } from '../helpers.js';
import { CHANNEL, CLAIM } from './popup-harness.js';

/** Another tab that claims every offer it hears, saying whether it signed in with it. */
function claimingTab(ok: boolean): { close: () => void } {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => {
    const state = new URLSearchParams(event.data.fragment.slice(1)).get('state');
    channel.postMessage({ type: CLAIM, state, ok });
  };
  return { close: () => channel.close() };
}

describe('<aniapi-callback> handing back, accessibility', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  inEachMode((mode) => {
    for (const [state, ok, fragment] of [
      ['handed back', true, () => `access_token=${aniapiToken()}&state=${'s'.repeat(43)}`],
      ['handed back, failed there', false, () => `error=access_denied&state=${'t'.repeat(43)}`],
    ] as const) {
      it(`${state} has no axe violation`, async () => {
        const tab = claimingTab(ok);
        try {
          const { element, events } = await completeWith(fragment());
          expect(events.map((e) => e.type)).to.deep.equal(['aniapi-handed-back']);
          await expectAccessible(element, mode);
        } finally {
          tab.close();
        }
      });
    }
  });
});
