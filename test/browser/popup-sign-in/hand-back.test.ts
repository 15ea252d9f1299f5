// <aniapi-callback> with aniapi-elements/popup loaded: a response whose login this tab
// did not start is offered to the window that did (src/popup-sign-in/hand-back.ts). The other
// tab is played by a BroadcastChannel of this page, as in popup-harness.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import type { AniapiErrorDetail } from '../../../src/elements/events.js';
import '../../../src/popup.js';
import '../../../src/callback.js';
import { getToken, logout } from '../../../src/token/token-store.js';
import { arrive, completeWith } from '../callback-harness.js';
import { aniapiToken, clearStorage, collectEvents, startLogin } from '../helpers.js';
import { CHANNEL, CLAIM, OFFER, claimingTab } from './popup-harness.js';

describe('<aniapi-callback> with aniapi-elements/popup', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('hands a response its tab did not start to the tab that claims it, and says so', async () => {
    const tab = claimingTab(true);
    const fragment = `access_token=${aniapiToken()}&token_type=Bearer&state=${'s'.repeat(43)}`;
    const { element, events, status } = await completeWith(fragment);
    tab.close();
    expect(tab.offers).to.deep.equal([{ type: OFFER, fragment: `#${fragment}` }]);
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([['aniapi-handed-back', { popup: false }]]);
    expect(status.textContent).to.equal('Signed in, in the window where you started.');
    expect(element.result).to.equal(null);
    expect(getToken()).to.equal(null);
    expect(location.hash).to.equal('');
  });

  it('says the sign-in failed elsewhere when the claiming tab could not sign in', async () => {
    const tab = claimingTab(false);
    const { events, status } = await completeWith(`error=access_denied&state=${'t'.repeat(43)}`);
    tab.close();
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-handed-back']);
    expect(status.textContent).to.equal('The sign-in failed; the window where you started says why.');
  });

  it('completes a login its own tab started without offering it', async () => {
    const tab = claimingTab(true);
    const state = startLogin();
    const { events } = await completeWith(`access_token=${aniapiToken()}&state=${state}`);
    tab.close();
    expect(tab.offers).to.deep.equal([]);
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-token']);
  });

  it('gives every callback element of the page the one hand-back: no second offer, no false error', async () => {
    const tab = claimingTab(true);
    await arrive(`access_token=${aniapiToken()}&state=${'v'.repeat(43)}`);
    const { events, stop } = collectEvents();
    const holder = await fixture(
      html`<div><aniapi-callback></aniapi-callback><aniapi-callback></aniapi-callback></div>`,
    );
    const [first, second] = holder.querySelectorAll('aniapi-callback');
    await waitUntil(() => events.length >= 2, 'not both reported', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    tab.close();
    expect(tab.offers).to.have.length(1);
    expect(events.map((e) => [e.type, e.target])).to.deep.equal([
      ['aniapi-handed-back', first],
      ['aniapi-handed-back', second],
    ]);
    expect(getToken()).to.equal(null);
  });

  it('scrubs a response that lands while the last is being offered, then checks it once the offer is answered', async () => {
    const offered = 'w'.repeat(43);
    const channel = new BroadcastChannel(CHANNEL);
    let answer = () => {};
    // The other tab takes its response, but only when the test says so.
    channel.onmessage = (event) => {
      const state = new URLSearchParams(event.data.fragment.slice(1)).get('state');
      if (state === offered) answer = () => channel.postMessage({ type: CLAIM, state, ok: true });
    };
    await arrive(`access_token=${aniapiToken()}&state=${offered}`);
    const { events, stop } = collectEvents();
    const element = await fixture<AniapiCallbackElement>(html`<aniapi-callback></aniapi-callback>`);
    // A second response, for a login this tab started, lands in the same document.
    const token = aniapiToken();
    const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
    location.hash = `access_token=${token}&state=${startLogin()}`;
    await changed;
    expect(location.hash).to.equal('');
    expect(location.href).not.to.contain('access_token');
    await waitUntil(() => answer.toString().includes('postMessage'), 'no offer heard');
    answer();
    await waitUntil(() => events.filter((e) => e.target === element).length >= 2, 'not both reported', {
      timeout: 5000,
    });
    stop();
    channel.close();
    expect(events.filter((e) => e.target === element).map((e) => e.type)).to.deep.equal([
      'aniapi-handed-back',
      'aniapi-token',
    ]);
    expect(getToken()).to.equal(token);
  });

  it('offers no "Try again" in a popup, whose opener started the login', async () => {
    startLogin();
    const opener = { postMessage: () => {} };
    (window as { opener: unknown }).opener = opener;
    try {
      await arrive(`access_token=${aniapiToken()}&state=${'y'.repeat(43)}`);
      const { events: heard, stop } = collectEvents();
      const element = await fixture<AniapiCallbackElement>(html`<aniapi-callback></aniapi-callback>`);
      await waitUntil(() => heard.some((e) => e.target === element), 'no outcome', { timeout: 6000 });
      stop();
      await element.updateComplete;
      expect(element.result).to.deep.include({ ok: false });
      expect(element.shadowRoot!.querySelector<HTMLElement>('[part=retry]')!.hidden).to.equal(true);
    } finally {
      (window as { opener: unknown }).opener = null;
    }
  });

  it('checks an unclaimed response itself after the wait: no_pending_login', async () => {
    await arrive(`access_token=${aniapiToken()}&state=${'u'.repeat(43)}`);
    const started = performance.now();
    const { events: heard, stop } = collectEvents();
    const element = await fixture<AniapiCallbackElement>(html`<aniapi-callback></aniapi-callback>`);
    const events = () => heard.filter((event) => event.target === element);
    expect(element.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal('Signing you in…');
    await waitUntil(() => events().length > 0, 'no outcome', { timeout: 6000 });
    stop();
    expect(performance.now() - started).to.be.greaterThan(2900);
    expect(events().map((e) => [e.type, (e.detail as AniapiErrorDetail).code])).to.deep.equal([
      ['aniapi-error', 'no_pending_login'],
    ]);
    expect(element.result).to.deep.include({ ok: false });
  });
});
