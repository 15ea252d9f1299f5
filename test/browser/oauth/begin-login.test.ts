import { expect } from '@open-wc/testing';
import { AniapiError } from '../../../src/oauth/errors.js';
import type { LoginOptions } from '../../../src/oauth/begin-login.js';
import { beginLogin } from '../../../src/oauth/begin-login.js';
import { clearStorage, pageOn } from '../helpers.js';

const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const REDIRECT = 'http://localhost:3000/auth';
const AUTHORIZE = 'https://aniapi.test/v1/oauth';
/** What every login needs: the client, its redirect URI and the authorize endpoint the app names. */
const BASE = { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: AUTHORIZE };
const STATE = /^[A-Za-z0-9_-]{43}$/;
/** The app's page, on the redirect URI's origin. */
const PAGE = 'http://localhost:3000/shows?sort=new#top';
const pageAt = (now?: number) => pageOn(PAGE, now);

function failure(options: LoginOptions): AniapiError {
  try {
    beginLogin(options, pageAt());
  } catch (error) {
    if (error instanceof AniapiError) return error;
    throw error;
  }
  throw new Error('beginLogin did not fail');
}

describe('beginLogin', () => {
  beforeEach(clearStorage);
  after(clearStorage);

  it('builds the authorize URL on the endpoint the app names, with a 256-bit base64url state', () => {
    const { url } = beginLogin(BASE, pageAt());
    const state = new URL(url).searchParams.get('state')!;
    expect(state).to.match(STATE);
    expect(url).to.equal(
      `${AUTHORIZE}?response_type=token&client_id=${CLIENT}&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth&state=${state}`,
    );
  });

  it('records the pending login under its state', () => {
    const now = 1_700_000_000_000;
    const { url } = beginLogin({ ...BASE, returnTo: '/shows?page=2#top' }, pageAt(now));
    const state = new URL(url).searchParams.get('state')!;
    expect(JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!)).to.deep.equal({
      state,
      clientId: CLIENT,
      authorizeUrl: url,
      redirectUri: REDIRECT,
      returnTo: '/shows?page=2#top',
      createdAt: now,
    });
  });

  it('makes the state from 32 bytes of crypto.getRandomValues, as base64url', () => {
    const asked: number[] = [];
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256);
    crypto.getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
      asked.push((array as Uint8Array).length);
      (array as Uint8Array).set(bytes);
      return array;
    };
    try {
      const { url } = beginLogin(BASE, pageAt());
      const expected = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      expect(asked).to.deep.equal([32]);
      expect(new URL(url).searchParams.get('state')).to.equal(expected);
    } finally {
      delete (crypto as Partial<Crypto>).getRandomValues;
    }
  });

  it('refuses to start without WebCrypto: unsupported, recording nothing', () => {
    (crypto as { getRandomValues?: unknown }).getRandomValues = undefined;
    try {
      const error = failure(BASE);
      expect(error.code).to.equal('unsupported');
      expect(sessionStorage.length).to.equal(0);
    } finally {
      delete (crypto as Partial<Crypto>).getRandomValues;
    }
    expect(crypto.getRandomValues).to.be.a('function');
  });

  it('returns to the current path, query and hash by default', () => {
    const { url } = beginLogin(BASE, pageAt());
    const state = new URL(url).searchParams.get('state')!;
    const { returnTo } = JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!);
    expect(returnTo).to.equal('/shows?sort=new#top');
  });

  it('makes a fresh state for every login', () => {
    const states = new Set(
      Array.from({ length: 50 }, () => new URL(beginLogin(BASE, pageAt()).url).searchParams.get('state')),
    );
    expect(states.size).to.equal(50);
  });

  it('keeps the query of the authorize URL and percent-encodes every value', () => {
    const { url } = beginLogin(
      {
        clientId: 'id with space&more',
        redirectUri: 'https://app.test/cb?x=1&y=a b',
        authorizeUrl: 'https://auth.test/v1/oauth?tenant=anime',
      },
      pageOn('https://app.test/'),
    );
    const parsed = new URL(url);
    expect(
      url.startsWith(
        'https://auth.test/v1/oauth?tenant=anime&response_type=token&client_id=id%20with%20space%26more&redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fx%3D1%26y%3Da%20b&state=',
      ),
    ).to.equal(true);
    expect(parsed.searchParams.get('redirect_uri')).to.equal('https://app.test/cb?x=1&y=a b');
  });

  it('sends the redirect URI exactly as written, trailing slash or not', () => {
    for (const redirectUri of ['http://localhost:3000', 'http://localhost:3000/', 'HTTP://LocalHost:3000/Auth']) {
      const { url } = beginLogin({ ...BASE, redirectUri }, pageAt());
      expect(new URL(url).searchParams.get('redirect_uri')).to.equal(redirectUri);
    }
  });

  it('allows http for the authorize URL on loopback hosts only', () => {
    for (const authorizeUrl of [
      'http://localhost:8080/v1/oauth',
      'http://127.0.0.1/v1/oauth',
      'http://[::1]:9/v1/oauth',
    ]) {
      expect(() => beginLogin({ clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl }, pageAt())).not.to.throw();
    }
  });

  it('allows http for the redirect URI on loopback hosts only, and sends it as written', () => {
    for (const redirectUri of [
      'http://127.0.0.1:3000/cb',
      'http://[::1]:3000/cb',
      'https://app.example/callback.html',
    ]) {
      const { url } = beginLogin({ ...BASE, redirectUri }, pageOn(redirectUri));
      expect(new URL(url).searchParams.get('redirect_uri')).to.equal(redirectUri);
    }
  });

  it('keeps a return-to path that only looks odd, normalised as the browser resolves it', () => {
    const { url } = beginLogin({ ...BASE, returnTo: '/a/./b/../c?x=//y#//z' }, pageAt());
    const state = new URL(url).searchParams.get('state')!;
    expect(JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!).returnTo).to.equal('/a/c?x=//y#//z');
  });

  const invalid: Array<[string, LoginOptions, string]> = [
    // AniAPI's documented domain has another owner: no login may go there by default.
    ['no authorize URL', { clientId: CLIENT, redirectUri: REDIRECT } as LoginOptions, 'authorize-url'],
    ['an empty authorize URL', { ...BASE, authorizeUrl: '' }, 'authorize-url'],
    // The token would land on a page anyone on the path can rewrite (RFC 6749 §3.1.2.1).
    [
      'a plain-http redirect URI on a public host',
      { ...BASE, redirectUri: 'http://app.example/callback.html' },
      'redirect-uri',
    ],
    [
      'a plain-http redirect URI on a private address',
      { ...BASE, redirectUri: 'http://192.168.1.10/cb' },
      'redirect-uri',
    ],
    [
      'a plain-http redirect URI on a look-alike host',
      { ...BASE, redirectUri: 'http://localhost.evil.test/cb' },
      'redirect-uri',
    ],
    // These resolve to //evil, which a later check would read as another origin and skip.
    ['a return-to that resolves to //evil through a dot segment', { ...BASE, returnTo: '/.//evil.test' }, 'return-to'],
    [
      'a return-to that resolves to //evil through a double-dot segment',
      { ...BASE, returnTo: '/x/..//evil.test' },
      'return-to',
    ],
    ['a return-to that resolves to //evil through a backslash', { ...BASE, returnTo: '/./\\evil.test' }, 'return-to'],
    ['no client id', { ...BASE, clientId: '' }, 'client-id'],
    ['a blank client id', { ...BASE, clientId: '  ' }, 'client-id'],
    ['no redirect URI', { ...BASE, redirectUri: '' }, 'redirect-uri'],
    ['a relative redirect URI', { ...BASE, redirectUri: '/callback' }, 'redirect-uri'],
    ['a redirect URI without scheme', { ...BASE, redirectUri: 'localhost:3000/cb' }, 'redirect-uri'],
    ['a javascript: redirect URI', { ...BASE, redirectUri: 'javascript:alert(1)' }, 'redirect-uri'],
    ['a redirect URI with a fragment', { ...BASE, redirectUri: 'https://app.test/cb#x' }, 'redirect-uri'],
    ['a redirect URI with spaces around it', { ...BASE, redirectUri: ' https://app.test/cb' }, 'redirect-uri'],
    ['an authorize URL that is not a URL', { ...BASE, authorizeUrl: 'api.aniapi.com' }, 'authorize-url'],
    ['an ftp authorize URL', { ...BASE, authorizeUrl: 'ftp://api.aniapi.com/v1/oauth' }, 'authorize-url'],
    [
      'an http authorize URL off loopback',
      { ...BASE, authorizeUrl: 'http://api.aniapi.com/v1/oauth' },
      'authorize-url',
    ],
    [
      'an http authorize URL on a look-alike host',
      { ...BASE, authorizeUrl: 'http://localhost.evil.test/v1/oauth' },
      'authorize-url',
    ],
    [
      'an authorize URL that sets state',
      { ...BASE, authorizeUrl: 'https://auth.test/oauth?state=fixed' },
      'authorize-url',
    ],
    ['an authorize URL with a fragment', { ...BASE, authorizeUrl: 'https://auth.test/oauth#x' }, 'authorize-url'],
    ['a return-to on another origin', { ...BASE, returnTo: 'https://evil.test/' }, 'return-to'],
    ['a protocol-relative return-to', { ...BASE, returnTo: '//evil.test/' }, 'return-to'],
    ['a backslash return-to', { ...BASE, returnTo: '/\\evil.test/' }, 'return-to'],
    ['a javascript: return-to', { ...BASE, returnTo: 'javascript:alert(1)' }, 'return-to'],
  ];
  // Issue 24: a sign-in started on 127.0.0.1 with its callback on localhost ended in "no sign-in waiting".
  it('refuses a redirect URI on another origin than the page, naming both origins, recording nothing', () => {
    let error: unknown;
    try {
      beginLogin({ ...BASE, redirectUri: 'http://localhost:3000/auth' }, pageOn('http://127.0.0.1:3000/shows'));
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(AniapiError);
    expect((error as AniapiError).code).to.equal('invalid_config');
    expect((error as AniapiError).message)
      .to.contain('redirect-uri')
      .and.contain('http://localhost:3000')
      .and.contain('http://127.0.0.1:3000');
    expect(sessionStorage.length).to.equal(0);
  });

  it('compares origins, not spellings: a redirect URI in capitals or with the default port is this origin', () => {
    for (const redirectUri of ['HTTPS://App.Example/cb', 'https://app.example:443/cb']) {
      expect(() => beginLogin({ ...BASE, redirectUri }, pageOn('https://app.example/'))).not.to.throw();
    }
  });

  for (const [what, options, attribute] of invalid) {
    it(`refuses ${what} with invalid_config naming ${attribute}, recording nothing`, () => {
      const error = failure(options);
      expect(error.code).to.equal('invalid_config');
      expect(error.message).to.contain(attribute);
      expect(sessionStorage.length).to.equal(0);
    });
  }
});
