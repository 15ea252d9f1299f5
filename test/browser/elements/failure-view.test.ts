// What a failed <aniapi-callback> shows, from its failure view (src/elements/failure-view.ts):
// each failure in plain words, and "Try again", which starts a fresh login with the
// failed one's settings (retry-login.ts).
import { expect, html } from '@open-wc/testing';
import type { AniapiCallbackElement } from '../../../src/elements/callback-element.js';
import type { AniapiErrorCode } from '../../../src/elements/events.js';
import { beginLogin } from '../../../src/oauth/begin-login.js';
import { PENDING_LOGIN_MAX_AGE } from '../../../src/oauth/pending-logins.js';
import { logout } from '../../../src/token/token-store.js';
import { completeWith, expectFailure } from '../callback-harness.js';
import { aniapiToken, clearStorage, collectEvents, jwt, keysOf, pageOn, part, startLogin } from '../helpers.js';

describe('<aniapi-callback> after a failure', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  const retryOf = (element: AniapiCallbackElement) => part<HTMLButtonElement>(element, 'retry')!;
  const NO_RETRY = 'This tab does not know where the sign-in started: go back to the site and sign in from there.';
  // The test server is on localhost, where a sign-in started on 127.0.0.1 is the likeliest cause.
  const LOOPBACK =
    'On this computer, localhost and 127.0.0.1 are separate sites: start the sign-in on the same address as this page.';

  // Each cause in plain words; every case but the first has a login this tab knows, so "Try again" is offered.
  const causes: Array<[string, AniapiErrorCode, () => string, string]> = [
    [
      'a state this tab never made, in a new tab',
      'no_pending_login',
      () => `access_token=${aniapiToken()}&state=${'q'.repeat(43)}`,
      `This tab has no sign-in waiting. ${LOOPBACK} ${NO_RETRY}`,
    ],
    [
      'a changed state',
      'state_mismatch',
      () => `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
      'The response does not belong to the sign-in this tab started.',
    ],
    [
      'an expired login',
      'login_expired',
      () => `access_token=${aniapiToken()}&state=${startLogin({ now: Date.now() - PENDING_LOGIN_MAX_AGE - 1000 })}`,
      'The sign-in took too long and has expired.',
    ],
    [
      'a repeated parameter',
      'malformed_response',
      () => `access_token=${aniapiToken()}&access_token=${aniapiToken()}&state=${startLogin()}`,
      'The response from AniAPI could not be read safely.',
    ],
    ['no token', 'missing_token', () => `state=${startLogin()}`, 'AniAPI sent back no access token.'],
    [
      'an expired token',
      'token_expired',
      () => `access_token=${jwt({ exp: 1 })}&state=${startLogin()}`,
      'The token AniAPI sent back has already expired.',
    ],
    [
      'a provider error without a description',
      'provider_error',
      () => `error=server_error&state=${startLogin()}`,
      'AniAPI did not sign you in: server_error',
    ],
  ];
  for (const [what, code, fragment, words] of causes) {
    it(`names ${code} for ${what} in plain words`, async () => {
      const { element, status } = await expectFailure(fragment(), code);
      expect(status.textContent).to.equal(`Sign-in failed. ${words}`);
      expect(retryOf(element).hidden).to.equal(words.endsWith(NO_RETRY));
    });
  }

  it('offers no "Try again" for a setup the page must fix: it would fail the same way', async () => {
    const fragment = `access_token=${aniapiToken()}&state=${startLogin()}`;
    const { element, events, status } = await completeWith(
      fragment,
      html`<aniapi-callback store="cookie"></aniapi-callback>`,
    );
    expect(events.map((e) => e.detail.code)).to.deep.equal(['invalid_config']);
    expect(status.textContent).to.equal('Sign-in failed. Sign-in is not set up correctly on this site.');
    expect(retryOf(element).hidden).to.equal(true);
  });

  it('says a response was already used', async () => {
    const fragment = `access_token=${aniapiToken()}&state=${startLogin()}`;
    await completeWith(fragment);
    logout();
    const { element, events, status } = await expectFailure(fragment, 'no_pending_login');
    expect(events[0]!.detail.cause).to.equal('used');
    expect(status.textContent).to.equal('Sign-in failed. This sign-in response was already used; each one works once.');
    expect(retryOf(element).hidden).to.equal(false);
  });

  it('says a response was superseded by a newer sign-in of the tab', async () => {
    const old = startLogin({ now: Date.now() - 1000 });
    await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
    logout();
    const { events, status } = await expectFailure(`access_token=${aniapiToken()}&state=${old}`, 'no_pending_login');
    expect(events[0]!.detail.cause).to.equal('superseded');
    expect(status.textContent).to.equal(
      'Sign-in failed. A newer sign-in in this tab finished first and replaced this one.',
    );
  });

  it('"Try again" starts a fresh login with the failed one\'s settings and way back, through aniapi-login', async () => {
    const { url } = beginLogin(
      {
        clientId: 'older',
        redirectUri: `${location.origin}/cb`,
        authorizeUrl: 'http://127.0.0.1:9/v1/oauth?tenant=x',
        returnTo: '/older?tab=2#top',
      },
      pageOn(location.href, Date.now() - 1000),
    );
    startLogin({ returnTo: '/newer' });
    const failed = new URL(url).searchParams.get('state')!;
    const { element } = await expectFailure(`error=access_denied&state=${failed}`, 'provider_error');
    const opened: string[] = [];
    element.assignLocation = (next) => opened.push(next);
    const { events, stop } = collectEvents();
    retryOf(element).click();
    stop();
    expect(events.map((e) => [e.type, e.target, e.bubbles, e.composed, e.cancelable])).to.deep.equal([
      ['aniapi-login', element, true, true, true],
    ]);
    const next = events[0]!.detail.url as string;
    expect(next).to.match(
      new RegExp(
        `^http://127\\.0\\.0\\.1:9/v1/oauth\\?tenant=x&response_type=token&client_id=older&redirect_uri=${encodeURIComponent(`${location.origin}/cb`)}&state=[\\w-]{43}$`,
      ),
    );
    const state = new URL(next).searchParams.get('state')!;
    expect(state).not.to.equal(failed);
    expect(opened).to.deep.equal([next]);
    expect(JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!).returnTo).to.equal(
      '/older?tab=2#top',
    );
  });

  it('"Try again" opens nothing when a listener cancels aniapi-login', async () => {
    const { element } = await expectFailure(
      `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
      'state_mismatch',
    );
    const opened: string[] = [];
    element.assignLocation = (next) => opened.push(next);
    const cancel = (event: Event) => event.preventDefault();
    document.addEventListener('aniapi-login', cancel);
    retryOf(element).click();
    document.removeEventListener('aniapi-login', cancel);
    expect(opened).to.deep.equal([]);
  });

  it('"Try again" reports a login that cannot start as aniapi-error, and opens nothing', async () => {
    const { element } = await expectFailure(
      `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
      'state_mismatch',
    );
    const last = JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!);
    sessionStorage.setItem('aniapi-elements.last-login', JSON.stringify({ ...last, redirectUri: 'not a url' }));
    const opened: string[] = [];
    element.assignLocation = (next) => opened.push(next);
    const { events, stop } = collectEvents();
    retryOf(element).click();
    stop();
    expect(events.map((e) => [e.type, e.target, e.detail.code])).to.deep.equal([
      ['aniapi-error', element, 'invalid_config'],
    ]);
    expect(opened).to.deep.equal([]);
  });

  it('"Try again" falls back on no authorize server: invalid_config naming authorize-url, and opens nothing', async () => {
    const { element } = await expectFailure(
      `access_token=${aniapiToken()}&state=${startLogin().slice(1)}x`,
      'state_mismatch',
    );
    const last = JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!);
    sessionStorage.setItem('aniapi-elements.last-login', JSON.stringify({ ...last, authorizeUrl: '' }));
    const opened: string[] = [];
    element.assignLocation = (next) => opened.push(next);
    const pending = () => keysOf(sessionStorage).filter((key) => key.startsWith('aniapi-elements.pending.'));
    const waiting = pending();
    const { events, stop } = collectEvents();
    retryOf(element).click();
    stop();
    expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'invalid_config']]);
    expect(events[0]!.detail.message).to.contain('authorize-url');
    expect(opened).to.deep.equal([]);
    expect(pending()).to.deep.equal(waiting);
  });

  it('offers no "Try again" after a success', async () => {
    const { element } = await completeWith(`access_token=${aniapiToken()}&state=${startLogin()}`);
    expect(retryOf(element).hidden).to.equal(true);
  });
});
