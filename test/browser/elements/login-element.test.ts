import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { css } from '@lit/reactive-element';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiErrorDetail } from '../../../src/elements/events.js';
import '../../../src/login.js';
import { logout, setToken } from '../../../src/token/token-store.js';
import { afterPageLoad, clearStorage, collectEvents, keysOf, nextLoad, openFrame } from '../helpers.js';

const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const REDIRECT = `${location.origin}/callback`;
const AUTHORIZE = 'https://aniapi.test/v1/oauth';
const STATE = '[A-Za-z0-9_-]{43}';

/** A configured button whose navigation is recorded instead of performed. */
async function loginButton(
  template = html`<aniapi-login
    client-id=${CLIENT}
    redirect-uri=${REDIRECT}
    authorize-url=${AUTHORIZE}
  ></aniapi-login>`,
) {
  const element = await fixture<AniapiLoginElement>(template);
  const navigations: string[] = [];
  element.assignLocation = (url) => navigations.push(url);
  const button = element.shadowRoot!.querySelector('button')!;
  return { element, button, navigations };
}

describe('<aniapi-login>', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('renders a real button with a default label and a part', async () => {
    const { element, button } = await loginButton();
    expect(button.getAttribute('part')).to.equal('button');
    expect(button.type).to.equal('button');
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(
      element
        .shadowRoot!.querySelector('slot')!
        .assignedNodes({ flatten: true })
        .map((n) => n.textContent?.trim()),
    ).to.deep.equal(['Log in with AniAPI']);
  });

  it('takes its label from the default slot', async () => {
    const { element } = await loginButton(
      html`<aniapi-login client-id=${CLIENT} redirect-uri=${REDIRECT}>Sign in</aniapi-login>`,
    );
    expect(
      element
        .shadowRoot!.querySelector('slot')!
        .assignedNodes()
        .map((n) => n.textContent),
    ).to.deep.equal(['Sign in']);
  });

  it('on click fires a cancelable aniapi-login with the exact authorize URL, then navigates to it', async () => {
    const { element, button, navigations } = await loginButton();
    const heard = oneEvent(element, 'aniapi-login');
    button.click();
    const event = await heard;
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(event.detail.url).to.match(
      new RegExp(
        `^https://aniapi\\.test/v1/oauth\\?response_type=token&client_id=${CLIENT}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=${STATE}$`,
      ),
    );
    expect(navigations).to.deep.equal([event.detail.url]);
    const state = new URL(event.detail.url).searchParams.get('state');
    expect(keysOf(sessionStorage).sort()).to.deep.equal([
      'aniapi-elements.last-login',
      `aniapi-elements.pending.${state}`,
    ]);
    // The last login's configuration, for "try again" after a failure: never the state.
    expect(JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!)).to.deep.equal({
      clientId: CLIENT,
      redirectUri: REDIRECT,
      authorizeUrl: AUTHORIZE,
      returnTo: location.pathname + location.search + location.hash,
    });
  });

  it('uses authorize-url and return-to', async () => {
    const { element, navigations } = await loginButton(
      html`<aniapi-login
        client-id=${CLIENT}
        redirect-uri=${REDIRECT}
        authorize-url="http://127.0.0.1:8080/v1/oauth?x=1"
        return-to="/me"
      ></aniapi-login>`,
    );
    element.login();
    expect(navigations[0]).to.match(
      new RegExp(`^http://127\\.0\\.0\\.1:8080/v1/oauth\\?x=1&response_type=token&client_id=${CLIENT}&`),
    );
    const state = new URL(navigations[0]!).searchParams.get('state');
    expect(JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!).returnTo).to.equal('/me');
  });

  it('redirects when mode is set to undefined, as a framework sets a prop left out', async () => {
    const { element, button, navigations } = await loginButton();
    (element as { mode: unknown }).mode = undefined;
    await element.updateComplete;
    const { events, stop } = collectEvents();
    button.click();
    stop();
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-login']);
    expect(navigations).to.have.length(1);
  });

  it('does not navigate when a listener cancels aniapi-login', async () => {
    const { element, button, navigations } = await loginButton();
    element.addEventListener('aniapi-login', (event) => event.preventDefault());
    button.click();
    await element.updateComplete;
    expect(navigations).to.deep.equal([]);
    expect(button.getAttribute('aria-busy')).to.equal('false');
  });

  it('is busy while redirecting and ignores a second click', async () => {
    const { element, button, navigations } = await loginButton();
    const { events, stop } = collectEvents(element);
    button.click();
    button.click();
    element.login();
    stop();
    await element.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(events.map((e) => e.type)).to.deep.equal(['aniapi-login']);
    expect(navigations).to.have.length(1);
    expect(keysOf(sessionStorage).filter((key) => key.startsWith('aniapi-elements.pending.'))).to.have.length(1);
  });

  it('stops being busy when the page comes back from the back-forward cache', async () => {
    const { element, button } = await loginButton();
    button.click();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await element.updateComplete;
    expect(button.getAttribute('aria-busy')).to.equal('false');
  });

  it('starts from the keyboard', async () => {
    const { element, navigations } = await loginButton();
    element.focus();
    await sendKeys({ press: 'Enter' });
    expect(navigations).to.have.length(1);
    await sendKeys({ press: ' ' });
    expect(navigations).to.have.length(1);
  });

  it('does nothing while disabled', async () => {
    const { element, button, navigations } = await loginButton(
      html`<aniapi-login
        disabled
        client-id=${CLIENT}
        redirect-uri=${REDIRECT}
        authorize-url=${AUTHORIZE}
      ></aniapi-login>`,
    );
    const { events, stop } = collectEvents(element);
    button.click();
    element.login();
    stop();
    expect(button.disabled).to.equal(true);
    expect(events).to.deep.equal([]);
    expect(navigations).to.deep.equal([]);
  });

  // Every case names the other attributes right, so the refusal is for the one it names.
  const configured = { 'client-id': CLIENT, 'redirect-uri': REDIRECT, 'authorize-url': AUTHORIZE };
  const invalid: Array<[string, Record<string, string>, string]> = [
    ['no client-id', { 'redirect-uri': REDIRECT, 'authorize-url': AUTHORIZE }, 'client-id'],
    ['no redirect-uri', { 'client-id': CLIENT, 'authorize-url': AUTHORIZE }, 'redirect-uri'],
    ['a relative redirect-uri', { ...configured, 'redirect-uri': '/callback' }, 'redirect-uri'],
    ['a redirect-uri that is no http(s) URL', { ...configured, 'redirect-uri': 'app://callback' }, 'redirect-uri'],
    [
      'a plain-http redirect-uri off localhost',
      { ...configured, 'redirect-uri': 'http://app.example/callback.html' },
      'redirect-uri',
    ],
    // AniAPI's documented domain has another owner: there is no default to fall back on.
    ['no authorize-url', { 'client-id': CLIENT, 'redirect-uri': REDIRECT }, 'authorize-url'],
    ['an authorize-url that is not absolute', { ...configured, 'authorize-url': '/v1/oauth' }, 'authorize-url'],
    ['an empty authorize-url', { ...configured, 'authorize-url': '' }, 'authorize-url'],
    [
      'a plain-http authorize-url off localhost',
      { ...configured, 'authorize-url': 'http://api.aniapi.com/v1/oauth' },
      'authorize-url',
    ],
    ['a return-to on another origin', { ...configured, 'return-to': 'https://evil.test/' }, 'return-to'],
    ['a protocol-relative return-to', { ...configured, 'return-to': '//evil.test' }, 'return-to'],
    ['a return-to that resolves to //evil', { ...configured, 'return-to': '/.//evil.test' }, 'return-to'],
    ['a mode that is neither redirect nor popup', { ...configured, mode: 'tab' }, 'mode'],
    // This page has not loaded aniapi-elements/popup.
    ['mode="popup" without aniapi-elements/popup', { ...configured, mode: 'popup' }, 'aniapi-elements/popup'],
  ];
  for (const [what, attributes, attribute] of invalid) {
    it(`refuses ${what} with invalid_config naming ${attribute}, without navigating`, async () => {
      const element = document.createElement('aniapi-login');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      const { navigations } = await loginButton(html`${element}`);
      const { events, stop } = collectEvents(element);
      element.shadowRoot!.querySelector('button')!.click();
      stop();
      expect(events.map((e) => e.type)).to.deep.equal(['aniapi-error']);
      const detail = events[0]!.detail as AniapiErrorDetail;
      expect(detail.code).to.equal('invalid_config');
      expect(detail.message).to.contain(attribute);
      expect(navigations).to.deep.equal([]);
      expect(sessionStorage.length).to.equal(0);
    });
  }

  it('reflects signed-in and fires aniapi-token and aniapi-logout as the session changes', async () => {
    const { element } = await loginButton();
    expect(element.hasAttribute('signed-in')).to.equal(false);
    // From the task after the page's load on, the element tells each change as it comes.
    await afterPageLoad();
    const { events, stop } = collectEvents(element);
    setToken('t0k3n');
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(true);
    expect(element.signedIn).to.equal(true);
    logout();
    await element.updateComplete;
    stop();
    expect(element.hasAttribute('signed-in')).to.equal(false);
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([
      ['aniapi-token', { accessToken: 't0k3n', expiresAt: null, returnTo: null }],
      ['aniapi-logout', { reason: 'logout' }],
    ]);
  });

  it('shows its state to CSS: :state(redirecting), :state(error), :state(signed-in)', async () => {
    const { element, button } = await loginButton();
    const states = () => ['signed-in', 'redirecting', 'error'].filter((name) => element.matches(`:state(${name})`));
    expect(states()).to.deep.equal([]);
    element.redirectUri = 'not a url';
    button.click();
    await element.updateComplete;
    expect(states()).to.deep.equal(['error']);
    element.redirectUri = REDIRECT;
    button.click();
    await element.updateComplete;
    expect(states()).to.deep.equal(['redirecting']);
    setToken('t');
    await element.updateComplete;
    expect(states()).to.deep.equal(['signed-in', 'redirecting']);
    logout();
    await element.updateComplete;
    expect(states()).to.deep.equal(['redirecting']);
  });

  it('lets a subclass add its styles to its own, as the guide shows', async () => {
    const Base = customElements.get('aniapi-login') as typeof AniapiLoginElement;
    class BrandedLogin extends Base {
      static override styles = [
        Base.styles!,
        css`
          button {
            color: rgb(1, 2, 3);
          }
        `,
      ];
    }
    customElements.define('branded-login', BrandedLogin);
    const element = await fixture<AniapiLoginElement>(html`<branded-login></branded-login>`);
    const button = getComputedStyle(element.shadowRoot!.querySelector('button')!);
    // Its own colour, over the base's background.
    expect([button.color, button.backgroundColor]).to.deep.equal(['rgb(1, 2, 3)', 'rgb(28, 79, 156)']);
  });

  it('is signed in from the start when a session exists', async () => {
    setToken('t0k3n');
    const { element } = await loginButton();
    expect(element.hasAttribute('signed-in')).to.equal(true);
  });

  it('holds its signed-in attribute back while defer-hydration is present, and sets it once that is removed', async () => {
    setToken('t0k3n');
    const { element } = await loginButton(
      html`<aniapi-login
        defer-hydration
        client-id=${CLIENT}
        redirect-uri=${REDIRECT}
        authorize-url=${AUTHORIZE}
      ></aniapi-login>`,
    );
    // As a server rendered it, for a framework to hydrate; the custom state says the truth meanwhile.
    expect(element.hasAttribute('signed-in')).to.equal(false);
    expect(element.matches(':state(signed-in)')).to.equal(true);
    logout();
    setToken('again');
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(false);
    // Hydrated: the attribute that page styles select on (aniapi-login[signed-in]) follows the session again.
    element.removeAttribute('defer-hydration');
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(true);
    logout();
    await element.updateComplete;
    expect(element.hasAttribute('signed-in')).to.equal(false);
  });

  it('hears a logout made in another tab', async () => {
    setToken('shared', 'local');
    const { element } = await loginButton();
    await afterPageLoad();
    const { events, stop } = collectEvents(element);
    localStorage.removeItem('aniapi-elements.token');
    window.dispatchEvent(
      new StorageEvent('storage', {
        key: 'aniapi-elements.token',
        oldValue: 'shared',
        newValue: null,
        storageArea: localStorage,
      }),
    );
    await element.updateComplete;
    stop();
    expect(events.map((e) => [e.type, e.detail])).to.deep.equal([['aniapi-logout', { reason: 'logout' }]]);
    expect(element.hasAttribute('signed-in')).to.equal(false);
  });

  it('stops hearing the session once disconnected', async () => {
    const { element } = await loginButton();
    element.remove();
    const { events, stop } = collectEvents(element);
    setToken('t');
    stop();
    expect(events).to.deep.equal([]);
  });

  it('really sends the page to the authorize URL', async () => {
    const frame = await openFrame('/test/browser/fixtures/login.html');
    const page = frame.contentDocument!;
    const heard = oneEvent(page, 'aniapi-login');
    const landed = nextLoad(frame);
    page.querySelector('aniapi-login')!.shadowRoot!.querySelector('button')!.click();
    const { detail } = await heard;
    await landed;
    expect(frame.contentWindow!.location.href).to.equal(detail.url);
    expect(detail.url).to.match(
      new RegExp(`^${location.origin}/test/browser/fixtures/landing\\.html\\?response_type=token&`),
    );
    frame.remove();
    await waitUntil(() => !frame.isConnected);
  });
});
