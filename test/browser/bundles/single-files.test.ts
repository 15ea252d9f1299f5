import { expect, waitUntil } from '@open-wc/testing';
import { rememberLastLogin } from '../../../src/oauth/pending-logins.js';
import { AniapiError } from '../../../src/oauth/errors.js';
import { aniapiToken, clearStorage, openFrame, startLogin } from '../helpers.js';

// The per-page single files beside the all-in-one, as plain pages load them: from dist/, no bundler.
type Page = Partial<
  typeof import('../../../src/bundles/aniapi-login.js') & typeof import('../../../src/bundles/aniapi-callback.js')
>;
type Frame = Window & {
  ready?: boolean;
  modules: Page[];
  violations: string[];
  heard: Array<[string, string | null]>;
  reactiveElementVersions?: string[];
};

const FAILURE_VIEW = 'aniapi-callback-failure-view.min.js';

/** Loads `files` of dist/ into a fresh frame, in this order, and returns the frame's window once all are in. */
async function loadInFrame(files: string[]): Promise<Frame> {
  const frame = await openFrame(`/test/browser/fixtures/single-files.html?files=${files.join(',')}`);
  const win = frame.contentWindow as Frame;
  await waitUntil(() => win.ready, `${files.join(', ')} did not load`);
  return win;
}

/** The strict callback page (or `page`) in a fresh frame, arriving with `fragment`; resolves once it reported an outcome. */
async function strictCallback(fragment: string, page = '/test/browser/fixtures/strict/callback.html') {
  const frame = await openFrame(`${page}#${fragment}`);
  const win = frame.contentWindow as Frame;
  await waitUntil(() => win.heard.length > 0, 'no outcome was reported', { timeout: 5000 });
  const element = win.document.querySelector('aniapi-callback')!;
  await (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  const shadow = element.shadowRoot!;
  const resources = win.performance.getEntriesByType('resource').map((entry) => entry.name);
  return {
    win,
    resources,
    status: shadow.querySelector('[part=status]')!,
    retry: shadow.querySelector<HTMLButtonElement>('[part=retry]')!,
  };
}

describe('per-page single files', () => {
  beforeEach(clearStorage);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
  after(clearStorage);

  const ALL = 'aniapi-elements.min.js';
  const LOGIN = 'aniapi-login.min.js';
  const CALLBACK = 'aniapi-callback.min.js';
  const USER = 'aniapi-user.min.js';
  const LOGIN_USER = 'aniapi-login-user.min.js';
  const POPUP = 'aniapi-popup.min.js';

  it('each registers only its own element', async () => {
    const login = await loadInFrame([LOGIN]);
    expect([!!login.customElements.get('aniapi-login'), !!login.customElements.get('aniapi-callback')]).to.deep.equal([
      true,
      false,
    ]);
    const callback = await loadInFrame([CALLBACK]);
    expect([
      !!callback.customElements.get('aniapi-login'),
      !!callback.customElements.get('aniapi-callback'),
    ]).to.deep.equal([false, true]);
  });

  it(`${LOGIN_USER}, the file of a page with the button and the card, registers both and loads Lit once`, async () => {
    const page = await loadInFrame([LOGIN_USER]);
    const defined = ['aniapi-login', 'aniapi-user', 'aniapi-callback'].map((tag) => !!page.customElements.get(tag));
    expect(defined).to.deep.equal([true, true, false]);
    // Lit counts its copies in the page: one file, one copy. The button's and the card's own files load two.
    expect(page.reactiveElementVersions).to.have.length(1);
    const apart = await loadInFrame([LOGIN, USER]);
    expect(apart.reactiveElementVersions).to.have.length(2);
  });

  it(`${LOGIN_USER} with aniapi-popup.min.js beside it: popup mode reports a closed popup as aniapi-error`, async () => {
    const page = await loadInFrame([POPUP, LOGIN_USER]);
    expect(page.reactiveElementVersions, 'the popup file carries no Lit').to.have.length(1);
    // The popup file's copy of the package makes the error, the button's copy reports it.
    const popup = { closed: false, close() {}, location: { replace() {} } };
    (page as unknown as { open: () => unknown }).open = () => popup;
    const login = page.document.createElement('aniapi-login') as HTMLElement & {
      login(): void;
      updateComplete: Promise<unknown>;
    };
    login.setAttribute('client-id', 'c');
    login.setAttribute('redirect-uri', new URL('/callback', page.location.href).href);
    login.setAttribute('authorize-url', 'https://aniapi.example/v1/oauth');
    login.setAttribute('mode', 'popup');
    page.document.body.append(login);
    await login.updateComplete;
    const failed = new Promise<CustomEvent>((resolve) =>
      login.addEventListener('aniapi-error', (e) => resolve(e as CustomEvent)),
    );
    login.login();
    popup.closed = true;
    expect((await failed).detail.code).to.equal('popup_closed');
  });

  it('an AniapiError of another copy of the package is an AniapiError here', async () => {
    const all = (await loadInFrame([ALL])).modules[0] as typeof import('../../../src/index.js');
    const theirs = new all.AniapiError('invalid_config', 'x');
    expect(all.AniapiError).not.to.equal(AniapiError);
    expect(theirs instanceof AniapiError).to.equal(true);
    expect(new AniapiError('unsupported', 'y') instanceof all.AniapiError).to.equal(true);
    expect(new Error('z') instanceof AniapiError).to.equal(false);
  });

  for (const files of [
    [LOGIN_USER, CALLBACK, ALL],
    [LOGIN, CALLBACK, ALL],
    [ALL, CALLBACK, LOGIN],
    [CALLBACK, ALL, LOGIN],
  ]) {
    it(`loaded as ${files.join(', ')}: a tag is defined once, by the first file that has it, and all share one session`, async () => {
      const win = await loadInFrame(files);
      const first = (name: 'AniapiLoginElement' | 'AniapiCallbackElement') =>
        win.modules.find((module) => name in module)![name]!;
      expect(win.customElements.get('aniapi-login')).to.equal(first('AniapiLoginElement'));
      expect(win.customElements.get('aniapi-callback')).to.equal(first('AniapiCallbackElement'));

      // The files with the session functions share one session.
      const sessions = win.modules.filter((module) => 'onChange' in module) as Array<
        typeof import('../../../src/bundles/aniapi-login.js')
      >;
      expect(sessions.length).to.equal(2);
      const heard = sessions.map(() => [] as Array<string | null>);
      const stops = sessions.map((module, i) =>
        module.onChange((session) => heard[i]!.push(session?.accessToken ?? null)),
      );
      // And <aniapi-callback>, whichever file defined it, relays that session's changes.
      const callback = win.document.createElement('aniapi-callback');
      const relayed: string[] = [];
      for (const type of ['aniapi-token', 'aniapi-error', 'aniapi-logout'])
        callback.addEventListener(type, (event) =>
          relayed.push(`${type} ${(event as CustomEvent).detail.code ?? ''}`.trim()),
        );
      win.document.body.append(callback);
      await waitUntil(() => relayed.length > 0, 'the callback element reported nothing');
      // The all-in-one keeps a token; the button page's file, which only reads the session, hears it.
      const all = win.modules.find((module) => 'setToken' in module) as typeof import('../../../src/index.js');
      all.setToken('shared', 'memory');
      expect(sessions.map((module) => module.getToken())).to.deep.equal(['shared', 'shared']);
      sessions[1]!.logout();
      expect(sessions.map((module) => module.getToken())).to.deep.equal([null, null]);
      stops.forEach((stop) => stop());
      expect(heard).to.deep.equal([
        ['shared', null],
        ['shared', null],
      ]);
      expect(relayed).to.deep.equal(['aniapi-error no_response', 'aniapi-token', 'aniapi-logout']);
    });
  }

  // The single files carry the elements' CSS with its spaces taken out, as constructable stylesheets:
  // what the page shows must be the styles as written.
  for (const [file, tag] of [
    [LOGIN, 'aniapi-login'],
    [CALLBACK, 'aniapi-callback'],
    [ALL, 'aniapi-login'],
    [USER, 'aniapi-user'],
    [LOGIN_USER, 'aniapi-login'],
    [LOGIN_USER, 'aniapi-user'],
  ] as const) {
    it(`${file} styles <${tag}> as its CSS says`, async () => {
      const win = await loadInFrame([file]);
      const element = win.document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
      win.document.body.append(element);
      await element.updateComplete;
      const style = (node: Element) => win.getComputedStyle(node);
      expect(element.shadowRoot!.adoptedStyleSheets.length).to.equal(1);
      expect(style(element).display).to.equal(tag === 'aniapi-callback' ? 'block' : 'inline-block');
      element.hidden = true;
      expect(style(element).display).to.equal('none');
      element.hidden = false;
      if (tag === 'aniapi-login') {
        const button = element.shadowRoot!.querySelector('[part=button]')!;
        expect([style(button).backgroundColor, style(button).borderTopLeftRadius]).to.deep.equal([
          'rgb(28, 79, 156)',
          '6px',
        ]);
      }
      if (tag === 'aniapi-callback') expect(style(element).overflowWrap).to.equal('anywhere');
      if (tag === 'aniapi-user') {
        // Its `[hidden] { display: none !important }` wins over a page's `::part(user) { display: flex }`.
        const parts = [...element.shadowRoot!.querySelectorAll('[part]')].filter(
          (node) => (node as HTMLElement).hidden,
        );
        expect(parts.length).to.be.above(0);
        for (const node of parts) expect(style(node).display).to.equal('none');
      }
    });
  }
});

describe('aniapi-callback.min.js under the strict policy', () => {
  beforeEach(clearStorage);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
  after(clearStorage);

  it('signs in without loading the failure view', async () => {
    const token = aniapiToken();
    const { win, resources, status } = await strictCallback(`access_token=${token}&state=${startLogin()}`);
    expect(win.heard).to.deep.equal([['aniapi-token', null]]);
    expect(status.textContent).to.equal('Signed in.');
    expect(resources.filter((url) => url.includes('failure-view'))).to.deep.equal([]);
    expect(win.violations).to.deep.equal([]);
  });

  it('explains a failure in words, with the failure view fetched from beside it and nothing else', async () => {
    const { win, resources, status, retry } = await strictCallback(
      `access_token=${aniapiToken()}&state=${'q'.repeat(43)}`,
    );
    expect(win.heard).to.deep.equal([['aniapi-error', 'no_pending_login']]);
    expect([status.getAttribute('role'), status.textContent]).to.deep.equal([
      'alert',
      'Sign-in failed. This tab has no sign-in waiting. On this computer, localhost and 127.0.0.1 are separate sites: start the sign-in on the same address as this page. This tab does not know where the sign-in started: go back to the site and sign in from there.',
    ]);
    expect(retry.hidden).to.equal(true);
    // Same origin, and beside the single file: the page's policy needs nothing more.
    expect(resources.filter((url) => url.includes('failure-view'))).to.deep.equal([
      new URL(`/dist/${FAILURE_VIEW}`, location.href).href,
    ]);
    expect(resources.every((url) => new URL(url).origin === location.origin)).to.equal(true);
    expect(win.violations).to.deep.equal([]);
  });

  it('still reports a failure, in its own words and without "Try again", when the failure view cannot be fetched', async () => {
    rememberLastLogin(sessionStorage, {
      clientId: 'client',
      redirectUri: 'http://localhost:3000/callback',
      authorizeUrl: 'http://localhost:8080/v1/oauth',
      returnTo: '/',
    });
    const { win, status, retry } = await strictCallback(
      `error=access_denied&state=${startLogin()}`,
      '/test/browser/fixtures/strict/alone/callback.html',
    );
    expect(win.heard).to.deep.equal([['aniapi-error', 'provider_error']]);
    expect([status.getAttribute('role'), status.textContent]).to.deep.equal([
      'alert',
      'AniAPI did not sign you in (access_denied).',
    ]);
    expect(retry.hidden).to.equal(true);
  });

  it("fetches nothing beside itself when loaded from an address that does not name it, as a CDN's short URL", async () => {
    const { win, resources, status } = await strictCallback(
      `access_token=${aniapiToken()}&state=${'q'.repeat(43)}`,
      '/test/browser/fixtures/cdn/callback.html',
    );
    expect(win.heard).to.deep.equal([['aniapi-error', 'no_pending_login']]);
    expect((win as Frame & { hijacked?: boolean }).hijacked).to.equal(undefined);
    expect(resources.filter((url) => url.includes('failure-view'))).to.deep.equal([]);
    expect(status.textContent).to.equal(
      'This tab has no sign-in waiting: it was already completed, or started elsewhere.',
    );
  });

  it('offers "Try again" after a failure when this tab knows the login', async () => {
    rememberLastLogin(sessionStorage, {
      clientId: 'client',
      redirectUri: 'http://localhost:3000/callback',
      authorizeUrl: 'http://localhost:8080/v1/oauth',
      returnTo: '/',
    });
    const { win, status, retry } = await strictCallback(`error=access_denied&state=${startLogin()}`);
    expect(win.heard).to.deep.equal([['aniapi-error', 'provider_error']]);
    expect(status.textContent).to.equal('Sign-in failed. AniAPI did not sign you in: access_denied');
    expect([retry.hidden, retry.textContent]).to.deep.equal([false, 'Try again']);
    expect(win.violations).to.deep.equal([]);
  });
});
