import { expect, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import { completeWith } from '../callback-harness.js';
import { CALLBACK_URL, clearStorage, fillLocalStorage, startLogin, storedToken } from '../helpers.js';
import '../../../src/login.js';
import { logout } from '../../../src/token/token-store.js';

type Report = { type: string; code: string | null; from?: string };

describe('storage that fails', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  it('where the browser refuses storage, both elements report unsupported and nothing navigates', async () => {
    const reports: Report[] = [];
    const onMessage = (event: MessageEvent<Report>) => reports.push(event.data);
    window.addEventListener('message', onMessage);
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = `/test/browser/fixtures/sandboxed.html#access_token=t0k3n&state=${'s'.repeat(43)}`;
    document.body.append(frame);
    try {
      await waitUntil(() => reports.length >= 2, 'the sandboxed page reported nothing', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reports.map((r) => [r.from, r.type, r.code]).sort()).to.deep.equal([
        ['aniapi-callback', 'aniapi-error', 'unsupported'],
        ['aniapi-login', 'aniapi-error', 'unsupported'],
      ]);
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
    }
  });

  it('a full localStorage fails the login with unsupported and puts the token nowhere else', async () => {
    const state = startLogin();
    fillLocalStorage();
    try {
      const { events } = await completeWith(
        `access_token=t0k3n&state=${state}`,
        html`<aniapi-callback store="local"></aniapi-callback>`,
      );
      expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'unsupported']]);
      expect(storedToken(sessionStorage)).to.equal(null);
      expect(storedToken(localStorage)).to.equal(null);
    } finally {
      localStorage.clear();
    }
  });
});

describe('storage that is missing or refuses writes', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  /** Starts a login on a fresh button and returns what came of it: error codes, or 'navigated'. */
  async function loginOutcome(): Promise<string[]> {
    const login = document.createElement('aniapi-login');
    login.clientId = 'c';
    login.redirectUri = CALLBACK_URL;
    login.authorizeUrl = 'https://aniapi.test/v1/oauth';
    document.body.append(login);
    await login.updateComplete;
    const heard: string[] = [];
    login.addEventListener('aniapi-error', (e) => heard.push(e.detail.code));
    login.assignLocation = () => heard.push('navigated');
    login.login();
    login.remove();
    return heard;
  }

  /** Runs `run` while `window.sessionStorage` reads as `value`, as Firefox gives null with storage turned off. */
  async function withSessionStorage<T>(value: Storage | null, run: () => Promise<T>): Promise<T> {
    const owner = Object.getOwnPropertyDescriptor(window, 'sessionStorage') ? window : Window.prototype;
    const original = Object.getOwnPropertyDescriptor(owner, 'sessionStorage')!;
    Object.defineProperty(owner, 'sessionStorage', { configurable: true, get: () => value });
    try {
      return await run();
    } finally {
      Object.defineProperty(owner, 'sessionStorage', original);
    }
  }

  it('reports unsupported from both elements when sessionStorage is null', async () => {
    const state = startLogin();
    await withSessionStorage(null, async () => {
      expect(await loginOutcome()).to.deep.equal(['unsupported']);

      const { events } = await completeWith(`access_token=t0k3n&state=${state}`);
      expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'unsupported']]);
    });
    expect(storedToken(sessionStorage)).to.equal(null);
  });

  it('reports unsupported when sessionStorage refuses to keep the login or the token', async () => {
    const state = startLogin();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      expect(await loginOutcome()).to.deep.equal(['unsupported']);

      const { events } = await completeWith(`access_token=t0k3n&state=${state}`);
      expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', 'unsupported']]);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(storedToken(sessionStorage)).to.equal(null);
    expect(storedToken(localStorage)).to.equal(null);
  });
});
