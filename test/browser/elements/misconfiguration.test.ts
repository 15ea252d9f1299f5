// Issue 24, "misconfiguration said out loud": a login that can never complete is refused at the click, the
// callback on a loopback host names the localhost/127.0.0.1 pitfall, and every invalid_config or unsupported an
// element reports also reaches the console once, for a page that listens to nothing.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import '../../../src/login.js';
import '../../../src/callback.js';
import '../../../src/user.js';
import { CALLBACK_FAILURE_MESSAGES, explainFailure } from '../../../src/elements/failure-view.js';
import type { CallbackFailureMessages, TextLookup } from '../../../src/i18n/message-registry.js';
import { lastLogin, rememberLastLogin } from '../../../src/oauth/pending-logins.js';
import { logout, setToken } from '../../../src/token/token-store.js';
import { completeWith } from '../callback-harness.js';
import { aniapiToken, CALLBACK_URL, clearStorage, collectEvents, keysOf, openFrame, startLogin } from '../helpers.js';
import type { AniapiErrorDetail } from '../../../src/elements/events.js';

/** This page's origin under the machine's other name: the mix-up that issue 24 reports. */
const OTHER_ORIGIN = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
const AUTHORIZE = 'https://aniapi.test/v1/oauth';
const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const PITFALL = 'On this computer, localhost and 127.0.0.1 are separate sites';

/** Records what goes to console.error until restored. */
function consoleErrors() {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return { lines, restore: () => (console.error = original) };
}

/** A login button whose callback page is on the other origin, its navigation recorded instead of performed. */
async function crossOriginButton() {
  const element = await fixture<AniapiLoginElement>(
    html`<aniapi-login client-id=${CLIENT} redirect-uri=${`${OTHER_ORIGIN}/callback`} authorize-url=${AUTHORIZE}>
    </aniapi-login>`,
  );
  const navigations: string[] = [];
  element.assignLocation = (url) => navigations.push(url);
  return { element, navigations, button: element.shadowRoot!.querySelector('button')! };
}

describe('misconfiguration said out loud', () => {
  let console_: ReturnType<typeof consoleErrors>;
  beforeEach(() => {
    logout();
    clearStorage();
    console_ = consoleErrors();
  });
  afterEach(() => console_.restore());
  after(clearStorage);

  describe('<aniapi-login> with a redirect-uri on another origin', () => {
    it('reports invalid_config at the click, naming both origins; nothing navigates and no login is kept', async () => {
      const { button, navigations } = await crossOriginButton();
      const { events, stop } = collectEvents();
      button.click();
      stop();
      expect(events.map((e) => e.type)).to.deep.equal(['aniapi-error']);
      const detail = events[0]!.detail;
      // The detail keeps its shape: the attribute goes to the console only.
      expect(Object.keys(detail)).to.deep.equal(['code', 'message']);
      expect(detail.code).to.equal('invalid_config');
      expect(detail.message).to.contain('redirect-uri').and.contain(OTHER_ORIGIN).and.contain(location.origin);
      expect(navigations).to.deep.equal([]);
      expect(keysOf(sessionStorage).filter((key) => key.startsWith('aniapi-elements.pending.'))).to.deep.equal([]);
      expect(lastLogin()).to.equal(null);
    });

    it('"Try again" on the callback page is refused the same way', async () => {
      rememberLastLogin(sessionStorage, {
        clientId: CLIENT,
        redirectUri: `${OTHER_ORIGIN}/callback`,
        authorizeUrl: AUTHORIZE,
        returnTo: '/',
      });
      const { element } = await completeWith(`access_token=${aniapiToken()}&state=${'q'.repeat(43)}`);
      const opened: string[] = [];
      element.assignLocation = (url) => opened.push(url);
      const { events, stop } = collectEvents();
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
      stop();
      expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'invalid_config']]);
      expect(events[0]!.detail.message).to.contain(OTHER_ORIGIN);
      expect(opened).to.deep.equal([]);
    });
  });

  describe('<aniapi-login> with a setting of the wrong type, set from script', () => {
    for (const [name, value] of [
      ['clientId', 42],
      ['redirectUri', new URL(CALLBACK_URL)],
      ['authorizeUrl', new URL(AUTHORIZE)],
      ['returnTo', ['/']],
    ] as const) {
      it(`reports ${name} as invalid_config at the click in redirect mode, as popup mode does, and navigates nowhere`, async () => {
        const element = await fixture<AniapiLoginElement>(
          html`<aniapi-login
            client-id=${CLIENT}
            redirect-uri=${CALLBACK_URL}
            authorize-url=${AUTHORIZE}
          ></aniapi-login>`,
        );
        const navigations: string[] = [];
        element.assignLocation = (url) => navigations.push(url);
        (element as unknown as Record<string, unknown>)[name] = value;
        const { events, stop } = collectEvents();
        element.shadowRoot!.querySelector('button')!.click();
        stop();
        expect(events.map((e) => [e.type, e.detail])).to.deep.equal([
          ['aniapi-error', { code: 'invalid_config', message: `${name} must be a string.` }],
        ]);
        expect(navigations).to.deep.equal([]);
        expect(console_.lines).to.have.length(1);
        expect(console_.lines[0]).to.contain('<aniapi-login>').and.contain(`${name} must be a string.`);
      });
    }
  });

  describe('console.error', () => {
    it('gets each invalid_config of an element once, naming the tag and the attribute; the event comes every time', async () => {
      const { element, button } = await crossOriginButton();
      const { events, stop } = collectEvents();
      button.click();
      button.click();
      button.click();
      expect(console_.lines).to.have.length(1);
      expect(console_.lines[0]).to.contain('<aniapi-login>').and.contain('invalid_config').and.contain('redirect-uri');
      // Another mistake is news.
      element.redirectUri = CALLBACK_URL;
      element.authorizeUrl = '';
      button.click();
      stop();
      expect(events.map((e) => e.detail.code)).to.deep.equal(Array(4).fill('invalid_config'));
      expect(console_.lines).to.have.length(2);
      expect(console_.lines[1]).to.contain('<aniapi-login>').and.contain('authorize-url');
    });

    it('names api-base for <aniapi-user> when it is on another origin than the token, never the token', async () => {
      const token = aniapiToken();
      setToken(token, 'session', { issuer: AUTHORIZE });
      const asked: string[] = [];
      const fetch = (url: RequestInfo | URL) => (asked.push(String(url)), Promise.reject(new TypeError('unused')));
      const { events, stop } = collectEvents();
      const element = await fixture<AniapiUserElement>(
        html`<aniapi-user api-base="http://127.0.0.1:8765" .fetch=${fetch}></aniapi-user>`,
      );
      await waitUntil(() => element.status === 'error', 'no error');
      stop();
      expect(asked).to.deep.equal([]);
      expect(events.map((e) => Object.keys(e.detail))).to.deep.equal([['code', 'message']]);
      expect(console_.lines).to.have.length(1);
      expect(console_.lines[0]).to.contain('<aniapi-user>').and.contain('api-base').and.not.contain(token);
    });

    it('gets the callback page store mistake, never the token or the state', async () => {
      const state = startLogin();
      const token = aniapiToken();
      const { events } = await completeWith(
        `access_token=${token}&state=${state}`,
        html`<aniapi-callback store="cookie"></aniapi-callback>`,
      );
      expect(events.map((e) => e.detail.code)).to.deep.equal(['invalid_config']);
      expect(console_.lines).to.have.length(1);
      expect(console_.lines[0]).to.contain('<aniapi-callback>').and.contain('store');
      expect(console_.lines[0]).not.to.contain(token).and.not.to.contain(state);
    });

    it('stays quiet for a failure that is no misconfiguration', async () => {
      const { events } = await completeWith(`access_token=${aniapiToken()}&state=${'q'.repeat(43)}`);
      expect(events.map((e) => e.detail.code)).to.deep.equal(['no_pending_login']);
      expect(console_.lines).to.deep.equal([]);
    });
  });

  describe('no_pending_login on a loopback host', () => {
    it('the callback page on localhost adds the localhost/127.0.0.1 pitfall', async () => {
      expect(location.hostname, 'the test server runs on localhost').to.equal('localhost');
      const { element } = await completeWith(`access_token=${aniapiToken()}&state=${'q'.repeat(43)}`);
      expect(element.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain(PITFALL);
    });

    it('adds it on each name of this machine, and only without a known cause', () => {
      const t = ((key: string) =>
        (CALLBACK_FAILURE_MESSAGES as unknown as Record<string, string | undefined>)[key]) as TextLookup<
        keyof CallbackFailureMessages
      >;
      const noLogin = { code: 'no_pending_login', message: 'x' } as const;
      for (const hostname of ['localhost', '127.0.0.1', '[::1]'])
        expect(explainFailure(t, noLogin, true, hostname), hostname).to.equal(
          `Sign-in failed. This tab has no sign-in waiting. ${PITFALL}: start the sign-in on the same address as this page.`,
        );
      expect(explainFailure(t, noLogin, true, 'app.example')).to.equal(
        'Sign-in failed. This tab has no sign-in waiting.',
      );
      expect(explainFailure(t, { ...noLogin, cause: 'used' }, true, 'localhost')).not.to.contain(PITFALL);
      expect(explainFailure(t, { code: 'state_mismatch', message: 'x' }, true, 'localhost')).not.to.contain(PITFALL);
    });
  });

  describe('a messages attribute, where the property is meant', () => {
    for (const tag of ['aniapi-login', 'aniapi-callback', 'aniapi-user']) {
      it(`<${tag}> says in the console that messages is a property, set from script`, () => {
        const element = document.createElement(tag);
        element.setAttribute('messages', '{"login":"Sign in"}');
        document.body.append(element);
        element.remove();
        expect(console_.lines.filter((line) => line.includes('messages'))).to.deep.equal([
          `<${tag}> messages is a property, not an attribute: set it from script, element.messages = { … }.`,
        ]);
      });
    }
  });

  describe("a popup's callback page without aniapi-elements/popup", () => {
    const POPUP_ADVICE = 'load aniapi-elements/popup on this callback page too';
    type PopupPage = Window & { heard: AniapiErrorDetail[]; errors: string[] };

    /**
     * Opens `page` in a frame whose page takes this one for its opener from its first script, as a popup has one,
     * with a response whose login no tab started, and waits until it reports `no_pending_login`.
     */
    async function popupWithoutLogin(page: string, state: string) {
      const frame = await openFrame(`${page}#access_token=${aniapiToken()}&state=${state}`);
      const popup = () => frame.contentWindow as PopupPage;
      try {
        await waitUntil(() => popup().heard?.length > 0, 'the popup reported nothing', { timeout: 5000 });
        expect(popup().heard.map((detail) => detail.code)).to.deep.equal(['no_pending_login']);
      } catch (error) {
        frame.remove();
        throw error;
      }
      return { frame, popup };
    }

    it('says nothing of it in a window without an opener', async () => {
      await completeWith(`access_token=${aniapiToken()}&state=${'o'.repeat(43)}`);
      expect(console_.lines.filter((line) => line.includes(POPUP_ADVICE))).to.deep.equal([]);
    });

    it('says in the console, once, that the module must be on the callback page too', async () => {
      const page = '/test/browser/fixtures/popup-callback.html?without-popup';
      const { frame, popup } = await popupWithoutLogin(page, 'p'.repeat(43));
      try {
        // A second failure in the same page is not said again.
        popup().location.hash = `access_token=${aniapiToken()}&state=${'r'.repeat(43)}`;
        await waitUntil(() => popup().heard.length > 1, 'the popup reported no second failure', { timeout: 5000 });
        const advice = popup().errors.filter((line) => line.includes(POPUP_ADVICE));
        expect(advice).to.have.length(1);
        expect(advice[0]).to.match(/^<aniapi-callback> no_pending_login in a window with an opener: /);
      } finally {
        frame.remove();
      }
    });

    it('says it too, and blames no address, when the module loads after the callback has checked the response', async () => {
      const { frame, popup } = await popupWithoutLogin(
        '/test/browser/fixtures/popup-callback-late.html',
        'q'.repeat(43),
      );
      try {
        const advice = popup().errors.filter((line) => line.includes(POPUP_ADVICE));
        expect(advice).to.have.length(1);
        const status = popup().document.querySelector('aniapi-callback')!.shadowRoot!.querySelector('[part=status]')!;
        expect(status.textContent).to.contain('This tab has no sign-in waiting.');
        // In a popup, the sign-in began in its opener, which the redirect URI shares an origin with: not the pitfall.
        expect(status.textContent).not.to.contain(PITFALL);
      } finally {
        frame.remove();
      }
    });
  });
});
