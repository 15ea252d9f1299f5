import { expect } from '@open-wc/testing';
import { AniapiError } from '../../src/events.js';
import type { LoginOptions } from '../../src/login-flow.js';
import { beginLogin, DEFAULT_AUTHORIZE_URL } from '../../src/login-flow.js';
import { clearStorage, pageAt } from './helpers.js';

const CLIENT = 'c0ffee00-0000-4000-8000-000000000001';
const REDIRECT = 'http://localhost:3000/auth';
const STATE = /^[A-Za-z0-9_-]{43}$/;

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

  it('builds the documented authorize URL with a 256-bit base64url state', () => {
    const { url } = beginLogin({ clientId: CLIENT, redirectUri: REDIRECT }, pageAt());
    const state = new URL(url).searchParams.get('state')!;
    expect(state).to.match(STATE);
    expect(url).to.equal(
      `${DEFAULT_AUTHORIZE_URL}?response_type=token&client_id=${CLIENT}&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth&state=${state}`,
    );
  });

  it('records the pending login under its state', () => {
    const now = 1_700_000_000_000;
    const { url } = beginLogin({ clientId: CLIENT, redirectUri: REDIRECT, returnTo: '/shows?page=2#top' }, pageAt(now));
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

  it('returns to the current path, query and hash by default', () => {
    const { url } = beginLogin({ clientId: CLIENT, redirectUri: REDIRECT }, pageAt());
    const state = new URL(url).searchParams.get('state')!;
    const { returnTo } = JSON.parse(sessionStorage.getItem(`aniapi-elements.pending.${state}`)!);
    expect(returnTo).to.equal(location.pathname + location.search + location.hash);
  });

  it('makes a fresh state for every login', () => {
    const states = new Set(
      Array.from({ length: 50 }, () => new URL(beginLogin({ clientId: CLIENT, redirectUri: REDIRECT }, pageAt()).url).searchParams.get('state')),
    );
    expect(states.size).to.equal(50);
  });

  it('keeps the query of the authorize URL and percent-encodes every value', () => {
    const { url } = beginLogin(
      { clientId: 'id with space&more', redirectUri: 'https://app.test/cb?x=1&y=a b', authorizeUrl: 'https://auth.test/v1/oauth?tenant=anime' },
      pageAt(),
    );
    const parsed = new URL(url);
    expect(url.startsWith('https://auth.test/v1/oauth?tenant=anime&response_type=token&client_id=id%20with%20space%26more&redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fx%3D1%26y%3Da%20b&state=')).to.equal(true);
    expect(parsed.searchParams.get('redirect_uri')).to.equal('https://app.test/cb?x=1&y=a b');
  });

  it('sends the redirect URI exactly as written, trailing slash or not', () => {
    for (const redirectUri of ['http://localhost:3000', 'http://localhost:3000/', 'HTTP://LocalHost:3000/Auth']) {
      const { url } = beginLogin({ clientId: CLIENT, redirectUri }, pageAt());
      expect(new URL(url).searchParams.get('redirect_uri')).to.equal(redirectUri);
    }
  });

  it('allows http for the authorize URL on loopback hosts only', () => {
    for (const authorizeUrl of ['http://localhost:8080/v1/oauth', 'http://127.0.0.1/v1/oauth', 'http://[::1]:9/v1/oauth']) {
      expect(() => beginLogin({ clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl }, pageAt())).not.to.throw();
    }
  });

  const invalid: Array<[string, LoginOptions, string]> = [
    ['no client id', { clientId: '', redirectUri: REDIRECT }, 'client-id'],
    ['a blank client id', { clientId: '  ', redirectUri: REDIRECT }, 'client-id'],
    ['no redirect URI', { clientId: CLIENT, redirectUri: '' }, 'redirect-uri'],
    ['a relative redirect URI', { clientId: CLIENT, redirectUri: '/callback' }, 'redirect-uri'],
    ['a redirect URI without scheme', { clientId: CLIENT, redirectUri: 'localhost:3000/cb' }, 'redirect-uri'],
    ['a javascript: redirect URI', { clientId: CLIENT, redirectUri: 'javascript:alert(1)' }, 'redirect-uri'],
    ['a redirect URI with a fragment', { clientId: CLIENT, redirectUri: 'https://app.test/cb#x' }, 'redirect-uri'],
    ['a redirect URI with spaces around it', { clientId: CLIENT, redirectUri: ' https://app.test/cb' }, 'redirect-uri'],
    ['an authorize URL that is not a URL', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'api.aniapi.com' }, 'authorize-url'],
    ['an ftp authorize URL', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'ftp://api.aniapi.com/v1/oauth' }, 'authorize-url'],
    ['an http authorize URL off loopback', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'http://api.aniapi.com/v1/oauth' }, 'authorize-url'],
    ['an http authorize URL on a look-alike host', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'http://localhost.evil.test/v1/oauth' }, 'authorize-url'],
    ['an authorize URL that sets state', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'https://auth.test/oauth?state=fixed' }, 'authorize-url'],
    ['an authorize URL with a fragment', { clientId: CLIENT, redirectUri: REDIRECT, authorizeUrl: 'https://auth.test/oauth#x' }, 'authorize-url'],
    ['a return-to on another origin', { clientId: CLIENT, redirectUri: REDIRECT, returnTo: 'https://evil.test/' }, 'return-to'],
    ['a protocol-relative return-to', { clientId: CLIENT, redirectUri: REDIRECT, returnTo: '//evil.test/' }, 'return-to'],
    ['a backslash return-to', { clientId: CLIENT, redirectUri: REDIRECT, returnTo: '/\\evil.test/' }, 'return-to'],
    ['a javascript: return-to', { clientId: CLIENT, redirectUri: REDIRECT, returnTo: 'javascript:alert(1)' }, 'return-to'],
  ];
  for (const [what, options, attribute] of invalid) {
    it(`refuses ${what} with invalid_config naming ${attribute}, recording nothing`, () => {
      const error = failure(options);
      expect(error.code).to.equal('invalid_config');
      expect(error.message).to.contain(attribute);
      expect(sessionStorage.length).to.equal(0);
    });
  }
});
