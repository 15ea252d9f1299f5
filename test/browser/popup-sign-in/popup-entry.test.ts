// aniapi-elements/popup as the package ships it, loaded by URL beside the package's
// elements as an app's bundler resolves them: importing it lends them popup sign-in and
// the hand-back. (test/node/import.test.mjs imports it in Node, where there is no element
// to lend anything to.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import { clearStorage, collectEvents } from '../helpers.js';
import { loadEntry } from '../package-exports.js';
import { OFFER, PopupWindow, claimingTab, opened, restoreOpen, stubOpen } from './popup-harness.js';

/** A popup-mode button of the package, clicked; resolves to the error codes it reported at once. */
async function clickPopupButton(): Promise<{ element: AniapiLoginElement; codes: string[] }> {
  const element = await fixture<AniapiLoginElement>(
    html`<aniapi-login
      mode="popup"
      client-id="c0ffee00-0000-4000-8000-000000000001"
      redirect-uri=${`${location.origin}/callback`}
      authorize-url="https://aniapi.test/v1/oauth"
    ></aniapi-login>`,
  );
  const { events, stop } = collectEvents(element);
  element.shadowRoot!.querySelector('button')!.click();
  stop();
  return { element, codes: events.filter((e) => e.type === 'aniapi-error').map((e) => e.detail.code) };
}

describe('aniapi-elements/popup, as built', () => {
  beforeEach(clearStorage);
  afterEach(restoreOpen);
  after(clearStorage);

  it('lends <aniapi-login mode="popup"> popup sign-in: refused before the import, a popup to AniAPI after', async () => {
    await loadEntry('./login');
    stubOpen(new PopupWindow());
    expect((await clickPopupButton()).codes).to.deep.equal(['invalid_config']);
    expect(opened).to.deep.equal([]);

    await loadEntry('./popup');
    const popup = stubOpen(new PopupWindow());
    const { element, codes } = await clickPopupButton();
    expect(codes).to.deep.equal([]);
    expect(opened).to.have.length(1);
    expect(popup.url).to.match(/^https:\/\/aniapi\.test\/v1\/oauth\?response_type=token&/);
    // Closed unused, so that no wait outlives the test.
    const { events, stop } = collectEvents(element);
    popup.closed = true;
    await waitUntil(() => events.length > 0, 'no error', { timeout: 3000 });
    stop();
    expect(events.map((e) => e.detail.code)).to.deep.equal(['popup_closed']);
  });

  it('lends <aniapi-callback> the hand-back: a response its tab did not start goes to the tab that claims it', async () => {
    await loadEntry('./callback');
    await loadEntry('./popup');
    const tab = claimingTab(true);
    const own = location.pathname + location.search;
    const fragment = `#access_token=t0k3n&state=${'h'.repeat(43)}`;
    history.replaceState(history.state, '', own + fragment);
    const { events, stop } = collectEvents();
    try {
      await fixture(html`<aniapi-callback></aniapi-callback>`);
      await waitUntil(() => events.length > 0, 'no outcome', { timeout: 5000 });
    } finally {
      stop();
      tab.close();
      history.replaceState(history.state, '', own);
    }
    expect(tab.offers).to.deep.equal([{ type: OFFER, fragment }]);
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([['aniapi-handed-back', { popup: false }]]);
  });
});
