import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiErrorDetail } from '../../../src/elements/events.js';
import { completeLogin } from '../../../src/response/complete-login.js';
import type { AniapiError } from '../../../src/oauth/errors.js';
import '../../../src/popup.js';
import '../../../src/login.js';
import { getToken, logout } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, collectEvents, nextLoad, openFrame, storedToken } from '../helpers.js';
import {
  CHANNEL,
  CLAIM,
  OFFER,
  offerFromAnotherTab,
  opened,
  pending,
  PopupWindow,
  restoreOpen,
  stateOf,
  stubOpen,
} from './popup-harness.js';

const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const REDIRECT = `${location.origin}/callback`;
const AUTHORIZE = 'https://aniapi.test/v1/oauth';

let popup: PopupWindow | null;

async function popupButton(attributes = '') {
  const element = await fixture<AniapiLoginElement>(
    html`<aniapi-login
      mode="popup"
      client-id=${CLIENT}
      redirect-uri=${REDIRECT}
      authorize-url=${AUTHORIZE}
    ></aniapi-login>`,
  );
  for (const pair of attributes.split(' ').filter(Boolean)) {
    const [name, value] = pair.split('=') as [string, string | undefined];
    // A bare `-name` removes the attribute.
    if (name.startsWith('-')) element.removeAttribute(name.slice(1));
    else element.setAttribute(name, value!);
  }
  await element.updateComplete;
  return element;
}

function click(element: AniapiLoginElement): void {
  element.shadowRoot!.querySelector('button')!.click();
}

describe('popup sign-in (aniapi-elements/popup)', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(restoreOpen);
  after(clearStorage);

  it('opens the popup in the click before recording the login, then sends it to the authorize URL', async () => {
    const element = await popupButton();
    let pendingAtOpen: string[] = [];
    popup = stubOpen(new PopupWindow());
    const open = window.open;
    window.open = ((...args: Parameters<typeof window.open>) => (
      (pendingAtOpen = pending()),
      open(...args)
    )) as typeof window.open;
    const { events, stop } = collectEvents();
    click(element);
    stop();
    expect(pendingAtOpen).to.deep.equal([]);
    expect(opened).to.have.length(1);
    expect(opened[0]!.url).to.equal('');
    expect(opened[0]!.features).to.match(/^popup,width=500,height=650,left=-?\d+,top=-?\d+$/);
    expect(popup!.url).to.match(/^https:\/\/aniapi\.test\/v1\/oauth\?response_type=token&client_id=/);
    expect(pending()).to.deep.equal([`aniapi-elements.pending.${stateOf(popup!.url)}`]);
    expect(events.map((e) => [e.type, e.detail.url])).to.deep.equal([['aniapi-login', popup!.url]]);
    await element.updateComplete;
    expect(element.matches(':state(redirecting)')).to.equal(true);
    expect(element.shadowRoot!.querySelector('button')!.getAttribute('aria-busy')).to.equal('true');
  });

  it('takes the response another tab offers for its state, signs in, answers the claim and closes the popup', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    click(element);
    const state = stateOf(popup!.url);
    const token = aniapiToken();
    const { events, stop } = collectEvents();
    const claim = await offerFromAnotherTab(`#access_token=${token}&token_type=Bearer&state=${state}`);
    expect(claim).to.deep.equal({ type: CLAIM, state, ok: true });
    await waitUntil(() => !element.matches(':state(redirecting)'), 'the button stays busy');
    stop();
    expect(events.map((e) => [e.type, e.detail.returnTo])).to.deep.equal([['aniapi-token', null]]);
    expect(events[0]!.target).to.equal(element);
    expect(storedToken(sessionStorage)).to.equal(token);
    expect(pending()).to.deep.equal([]);
    expect(popup!.closed).to.equal(true);
    expect(element.matches(':state(signed-in)')).to.equal(true);
  });

  it('keeps the token in the store the button names', async () => {
    const element = await popupButton('store=local');
    popup = stubOpen(new PopupWindow());
    click(element);
    const token = aniapiToken();
    await offerFromAnotherTab(`#access_token=${token}&state=${stateOf(popup!.url)}`);
    expect(storedToken(localStorage)).to.equal(token);
    expect(storedToken(sessionStorage)).to.equal(null);
  });

  it('keeps the token in the store named at the click, whatever the store becomes during the wait', async () => {
    const element = await popupButton('store=local');
    popup = stubOpen(new PopupWindow());
    click(element);
    // An app that meant memory, misspelt: the token must not fall back on sessionStorage.
    element.store = 'Memory' as typeof element.store;
    const token = aniapiToken();
    await offerFromAnotherTab(`#access_token=${token}&state=${stateOf(popup!.url)}`);
    expect(storedToken(localStorage)).to.equal(token);
    expect(storedToken(sessionStorage)).to.equal(null);
  });

  it('keeps the token in the store named at the click, whatever an aniapi-login listener makes of it', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    element.addEventListener('aniapi-login', () => (element.store = 'local'), { once: true });
    click(element);
    const token = aniapiToken();
    await offerFromAnotherTab(`#access_token=${token}&state=${stateOf(popup!.url)}`);
    expect(storedToken(sessionStorage)).to.equal(token);
    expect(storedToken(localStorage)).to.equal(null);
  });

  it('is not left busy for good when an aniapi-login listener spoils the popup settings', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    element.addEventListener('aniapi-login', () => (element.store = 'Memory' as typeof element.store), {
      once: true,
    });
    const { events, stop } = collectEvents();
    click(element);
    const state = stateOf(popup!.url);
    const claim = await offerFromAnotherTab(`#access_token=${aniapiToken()}&state=${state}`);
    stop();
    // The login checked at the click goes on, into the store checked then.
    expect(claim).to.deep.equal({ type: CLAIM, state, ok: true });
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-login', 'aniapi-token']);
    await waitUntil(() => !element.matches(':state(redirecting)'), 'the button stays busy');
  });

  it('ignores offers for other states and answers a failed response with ok: false and a typed error', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    click(element);
    const state = stateOf(popup!.url);
    const stray = new BroadcastChannel(CHANNEL);
    let heard = 0;
    stray.onmessage = () => heard++;
    stray.postMessage({ type: OFFER, fragment: `#access_token=${aniapiToken()}&state=${'x'.repeat(43)}` });
    stray.postMessage({ type: OFFER, fragment: `#access_token=${aniapiToken()}&state=constructor` });
    stray.postMessage({ type: 'something else', fragment: `#state=${state}` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    stray.close();
    expect(heard).to.equal(0);
    expect(getToken()).to.equal(null);
    expect(element.matches(':state(redirecting)')).to.equal(true);

    const { events, stop } = collectEvents();
    const claim = await offerFromAnotherTab(`#error=access_denied&state=${state}`);
    expect(claim).to.deep.equal({ type: CLAIM, state, ok: false });
    await waitUntil(() => events.length > 0);
    stop();
    expect(events.map((e) => [e.type, (e.detail as AniapiErrorDetail).code])).to.deep.equal([
      ['aniapi-error', 'provider_error'],
    ]);
    expect(element.matches(':state(error)')).to.equal(true);
    expect(popup!.closed).to.equal(true);
    expect(pending()).to.deep.equal([]);
  });

  // The popup is a frame here, whose callback page (popup-callback.html) takes this page for its opener.
  const TOKEN = aniapiToken();
  for (const [what, response] of [
    [
      'the parser refuses (a repeated state)',
      (state: string) => `#access_token=${TOKEN}&state=${state}&state=${state}`,
    ],
    ['came in the query', (state: string) => `?access_token=${TOKEN}&state=${state}`],
    // The frame's own check then drops nothing: the pending login goes only if this page drops it.
    ['has no state', () => `#access_token=${TOKEN}`],
  ] as const) {
    it(`fails at once, malformed_response, when its popup gets a response that ${what}`, async () => {
      const frame = await openFrame('/test/browser/fixtures/landing.html');
      const posted: string[] = [];
      const hear = (event: MessageEvent) => posted.push(JSON.stringify(event.data));
      addEventListener('message', hear);
      try {
        const element = await popupButton(`authorize-url=${location.origin}/test/browser/fixtures/landing.html`);
        stubOpen(frame.contentWindow as unknown as PopupWindow);
        const { events, stop } = collectEvents(element);
        const authorizePage = nextLoad(frame);
        click(element);
        await authorizePage;
        const state = new URL(frame.contentWindow!.location.href).searchParams.get('state')!;
        frame.contentWindow!.location.replace(`/test/browser/fixtures/popup-callback.html${response(state)}`);
        await waitUntil(() => events.length > 1, 'the button heard no end of its popup login', { timeout: 5000 });
        stop();
        expect(events.map((e) => [e.type, (e.detail as AniapiErrorDetail).code])).to.deep.equal([
          ['aniapi-login', undefined],
          ['aniapi-error', 'malformed_response'],
        ]);
        expect(element.matches(':state(redirecting)')).to.equal(false);
        expect(pending()).to.deep.equal([]);
        expect(getToken()).to.equal(null);
        // The popup says that it refused the response, and not what the response was.
        expect(posted.filter((data) => data.includes(TOKEN))).to.deep.equal([]);
      } finally {
        removeEventListener('message', hear);
        frame.remove();
      }
    });
  }

  it('takes a postMessage offer only from its own popup', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    click(element);
    // This page is not the popup, even though it is of the same origin.
    window.postMessage(
      { type: OFFER, fragment: `#access_token=${aniapiToken()}&state=${stateOf(popup!.url)}` },
      location.origin,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(getToken()).to.equal(null);
    expect(element.matches(':state(redirecting)')).to.equal(true);
  });

  it('reports popup_closed when the popup is closed first, drops the pending login, and can start again', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    click(element);
    const { events, stop } = collectEvents();
    popup!.closed = true;
    await waitUntil(() => events.length > 0, 'no error', { timeout: 3000 });
    stop();
    expect(events.map((e) => (e.detail as AniapiErrorDetail).code)).to.deep.equal(['popup_closed']);
    expect(pending()).to.deep.equal([]);
    // Abandoned, not used: a response that still comes for it is one the tab no longer waits for, with no cause.
    const late = (() => {
      try {
        completeLogin(`#access_token=${aniapiToken()}&state=${stateOf(popup!.url)}`);
      } catch (error) {
        return (error as AniapiError).detail;
      }
      return null;
    })();
    expect(late).to.deep.equal({ code: 'no_pending_login', message: late!.message });
    await waitUntil(() => !element.matches(':state(redirecting)'));
    popup = stubOpen(new PopupWindow());
    click(element);
    expect(opened).to.have.length(2);
  });

  it('reports popup_timeout after popup-timeout seconds and closes the popup', async () => {
    const element = await popupButton('popup-timeout=0.3');
    popup = stubOpen(new PopupWindow());
    click(element);
    const { events, stop } = collectEvents();
    await waitUntil(() => events.length > 0, 'no error', { timeout: 3000 });
    stop();
    expect(events.map((e) => (e.detail as AniapiErrorDetail).code)).to.deep.equal(['popup_timeout']);
    expect(popup!.closed).to.equal(true);
    expect(pending()).to.deep.equal([]);
  });

  it('reports popup_blocked when the browser gives no window, recording no login', async () => {
    const element = await popupButton();
    popup = stubOpen(null);
    const { events, stop } = collectEvents();
    click(element);
    stop();
    expect(events.map((e) => [e.type, (e.detail as AniapiErrorDetail).code])).to.deep.equal([
      ['aniapi-error', 'popup_blocked'],
    ]);
    expect(pending()).to.deep.equal([]);
    await element.updateComplete;
    expect(element.matches(':state(error)')).to.equal(true);
  });

  for (const [attribute, message] of [
    ['store=cookie', /store/],
    ['popup-timeout=soon', /popup-timeout/],
    ['popup-timeout=0', /popup-timeout/],
    // No default server: without one the popup would open on a stranger's domain.
    ['-authorize-url', /authorize-url/],
    ['redirect-uri=relative/path', /redirect-uri/],
    // The test server is on localhost: a callback page on 127.0.0.1 could never find the pending login.
    [`redirect-uri=http://127.0.0.1:${location.port}/callback`, /redirect-uri is on http:\/\/127\.0\.0\.1/],
    ['return-to=//evil.test', /return-to/],
  ] as const) {
    it(`refuses ${attribute} before opening anything: invalid_config`, async () => {
      const element = await popupButton(attribute);
      popup = stubOpen(new PopupWindow());
      const { events, stop } = collectEvents();
      click(element);
      stop();
      expect(opened).to.deep.equal([]);
      expect(events.map((e) => (e.detail as AniapiErrorDetail).code)).to.deep.equal(['invalid_config']);
      expect((events[0]!.detail as AniapiErrorDetail).message).to.match(message);
      expect(pending()).to.deep.equal([]);
    });
  }

  it('closes the popup and records nothing more when the login cannot be recorded', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const { events, stop } = collectEvents();
    try {
      click(element);
    } finally {
      Storage.prototype.setItem = setItem;
      stop();
    }
    expect(opened).to.have.length(1);
    expect(popup!.closed).to.equal(true);
    expect(popup!.url).to.equal('');
    expect(events.map((e) => (e.detail as AniapiErrorDetail).code)).to.deep.equal(['unsupported']);
    expect(pending()).to.deep.equal([]);
  });

  it('closes the popup when a listener cancels aniapi-login', async () => {
    const element = await popupButton();
    popup = stubOpen(new PopupWindow());
    element.addEventListener('aniapi-login', (event) => event.preventDefault(), { once: true });
    click(element);
    expect(popup!.closed).to.equal(true);
    expect(popup!.url).to.equal('');
    expect(element.matches(':state(redirecting)')).to.equal(false);
  });

  it('hears offers through storage events where there is no BroadcastChannel', async () => {
    const saved = window.BroadcastChannel;
    (window as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
    try {
      const element = await popupButton();
      popup = stubOpen(new PopupWindow());
      click(element);
      const state = stateOf(popup!.url);
      // The other tab: a document of this origin, whose storage writes this page hears.
      const frame = await openFrame('/test/browser/fixtures/landing.html');
      const other = frame.contentWindow!;
      const claim = new Promise<unknown>((resolve) =>
        other.addEventListener(
          'storage',
          (event) => event.key === CHANNEL && event.newValue && resolve(JSON.parse(event.newValue)),
        ),
      );
      const token = aniapiToken();
      other.localStorage.setItem(
        CHANNEL,
        JSON.stringify({ type: OFFER, fragment: `#access_token=${token}&state=${state}` }),
      );
      other.localStorage.removeItem(CHANNEL);
      expect(await claim).to.deep.equal({ type: CLAIM, state, ok: true });
      expect(getToken()).to.equal(token);
      expect(localStorage.getItem(CHANNEL)).to.equal(null);
      await waitUntil(() => !element.matches(':state(redirecting)'));
      frame.remove();
    } finally {
      window.BroadcastChannel = saved;
    }
  });
});
