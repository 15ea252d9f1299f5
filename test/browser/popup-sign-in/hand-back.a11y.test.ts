// What <aniapi-callback> shows once it handed its response back to the window that
// started the login (aniapi-elements/popup), checked with axe in each mode of a11y-modes.ts.
import { expect } from '@open-wc/testing';
import '../../../src/popup.js';
import { logout } from '../../../src/token/token-store.js';
import { expectAccessible, inEachMode } from '../a11y-modes.js';
import { completeWith } from '../callback-harness.js';
import { aniapiToken, clearStorage } from '../helpers.js';
import { claimingTab } from './popup-harness.js';

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
