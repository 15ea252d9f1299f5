// A callback page that stays (no auto-return): what a reload of it shows, and what it says when a service worker
// controls it (security round 3, point 6).
import { expect, waitUntil } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import { logout } from '../../../src/token/token-store.js';
import { aniapiToken, clearStorage, nextLoad, openFrame, startLogin } from '../helpers.js';

type CallbackWindow = Window & { heard: Array<{ type: string; detail: Record<string, unknown> }> };

/** Opens the callback fixture in a frame and waits until it has reported an outcome. */
async function callbackPage(fragment: string) {
  const frame = await openFrame(`/test/browser/fixtures/callback.html${fragment}`);
  const page = () => frame.contentWindow as CallbackWindow;
  await waitUntil(() => page().heard?.length > 0, 'the page heard no outcome');
  return { frame, page };
}

/** Reloads the frame's page, as the user's reload button does, and waits until it has reported an outcome. */
async function reload(frame: HTMLIFrameElement): Promise<CallbackWindow> {
  const loaded = nextLoad(frame);
  frame.contentWindow!.location.reload();
  await loaded;
  const page = frame.contentWindow as CallbackWindow;
  await waitUntil(() => page.heard?.length > 0, 'the reloaded page heard no outcome');
  return page;
}

function shown(page: Window): { text: string; signedIn: boolean; error: boolean } {
  const element = page.document.querySelector<AniapiCallbackElement>('aniapi-callback')!;
  return {
    text: element.shadowRoot!.querySelector('[part=status]')!.textContent!,
    signedIn: element.matches(':state(signed-in)'),
    error: element.matches(':state(error)'),
  };
}

describe('<aniapi-callback> on a page that stays', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));
  after(clearStorage);

  it('shows a reload after its sign-in as signed in, with the same way back, not as a failed sign-in', async () => {
    const token = aniapiToken();
    const state = startLogin({ returnTo: '/account' });
    const { frame, page } = await callbackPage(`#access_token=${token}&state=${state}`);
    const first = page().heard;
    expect(first.map((h) => h.type)).to.deep.equal(['aniapi-token']);
    // The tab remembers which page made the sign-in, by the session's id, never by its token or state.
    const kept = sessionStorage.getItem('aniapi-elements.callback-sign-in');
    expect(kept).to.be.a('string').and.not.to.contain(token).and.not.to.contain(state);
    const again = await reload(frame);
    expect(again.heard).to.deep.equal(first);
    expect(first[0]!.detail.returnTo).to.equal('/account');
    expect(shown(again)).to.deep.equal({ text: 'Signed in.', signedIn: true, error: false });
    expect(again.location.hash).to.equal('');
  });

  it('returns once, then stays, when the login started on the callback page itself (auto-return)', async () => {
    const page = '/test/browser/fixtures/callback.html?auto-return';
    const token = aniapiToken();
    const state = startLogin({ returnTo: page });
    const frame = document.createElement('iframe');
    let loads = 0;
    frame.addEventListener('load', () => loads++);
    frame.src = `${page}#access_token=${token}&state=${state}`;
    document.body.append(frame);
    // The page that took the response, then the one it returned to: itself, which shows the sign-in it remembers.
    await waitUntil(() => loads === 2 && (frame.contentWindow as CallbackWindow).heard?.length > 0, 'no return');
    const returned = frame.contentWindow as CallbackWindow;
    expect(returned.heard.map((h) => h.detail.returnTo)).to.deep.equal([null]);
    expect(shown(returned)).to.deep.equal({ text: 'Signed in.', signedIn: true, error: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loads, 'the page loaded itself again').to.equal(2);
  });

  it('fails a reload with no_response once the sign-in it made has ended', async () => {
    const { frame } = await callbackPage(`#access_token=${aniapiToken()}&state=${startLogin()}`);
    logout();
    const again = await reload(frame);
    expect(again.heard.map((h) => h.detail.code)).to.deep.equal(['no_response']);
    expect(shown(again).error).to.equal(true);
  });

  it('warns in the console when a service worker controls the callback page, which saw the token', async function () {
    if (!('serviceWorker' in navigator)) this.skip();
    const scope = '/test/browser/fixtures/worker/';
    const registration = await navigator.serviceWorker.register(`${scope}worker.js`, { scope });
    try {
      const worker = registration.installing ?? registration.waiting ?? registration.active!;
      if (worker.state !== 'activated') {
        await new Promise<void>((resolve) =>
          worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
        );
      }
      const frame = await openFrame(`${scope}callback.html#access_token=${aniapiToken()}&state=${startLogin()}`);
      const page = frame.contentWindow as Window & { warnings: string[] };
      await waitUntil(() => page.navigator.serviceWorker.controller !== null, 'the worker never took the page');
      // Lit's development build warns of its own; only the package's words are read here.
      const ours = () => page.warnings.filter((text) => text.startsWith('aniapi-elements:'));
      await waitUntil(() => ours().length > 0, 'no warning');
      expect(ours()).to.have.length(1);
      expect(ours()[0]).to.contain('service worker').and.to.contain('worker.js');
      expect(ours()[0]).not.to.contain('access_token=');
    } finally {
      await registration.unregister();
    }
  });
});
