import { expect } from '@open-wc/testing';
import type { PendingLoginRecord } from '../../../src/oauth/pending-logins.js';
import {
  hasAnyPendingLogin,
  isExpired,
  lastLogin,
  PENDING_LOGIN_MAX_AGE,
  rememberLastLogin,
  savePendingLogin,
  takePendingLogin,
} from '../../../src/oauth/pending-logins.js';
import { clearStorage, keysOf } from '../helpers.js';

function record(state: string, createdAt = Date.now()): PendingLoginRecord {
  return {
    state,
    clientId: 'client',
    authorizeUrl: 'https://api.aniapi.com/v1/oauth?state=' + state,
    redirectUri: 'https://app.test/callback',
    returnTo: '/',
    createdAt,
  };
}

describe('pending logins', () => {
  beforeEach(clearStorage);
  after(clearStorage);

  it('keeps one record per state in sessionStorage', () => {
    savePendingLogin(sessionStorage, record('one'));
    savePendingLogin(sessionStorage, record('two'));
    expect(keysOf(sessionStorage).sort()).to.deep.equal(['aniapi-elements.pending.one', 'aniapi-elements.pending.two']);
    expect(keysOf(localStorage)).to.deep.equal([]);
  });

  it('gives a record back once, by its exact state, and deletes it', () => {
    const login = record('one');
    savePendingLogin(sessionStorage, login);
    expect(takePendingLogin(sessionStorage, 'ONE')).to.equal(null);
    expect(takePendingLogin(sessionStorage, 'one')).to.deep.equal(login);
    expect(takePendingLogin(sessionStorage, 'one')).to.equal(null);
    expect(hasAnyPendingLogin(sessionStorage)).to.equal(false);
  });

  it('matches no prototype name', () => {
    savePendingLogin(sessionStorage, record('one'));
    for (const state of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'length']) {
      expect(takePendingLogin(sessionStorage, state), state).to.equal(null);
    }
    expect(hasAnyPendingLogin(sessionStorage)).to.equal(true);
  });

  it('ignores a record that is not one of ours, and one filed under another state', () => {
    sessionStorage.setItem('aniapi-elements.pending.broken', '{not json');
    sessionStorage.setItem('aniapi-elements.pending.moved', JSON.stringify(record('elsewhere')));
    expect(takePendingLogin(sessionStorage, 'broken')).to.equal(null);
    expect(takePendingLogin(sessionStorage, 'moved')).to.equal(null);
  });

  it('expires a record after 10 minutes, by the clock it is given', () => {
    const login = record('one', 1_000_000);
    expect(isExpired(login, 1_000_000 + PENDING_LOGIN_MAX_AGE)).to.equal(false);
    expect(isExpired(login, 1_000_000 + PENDING_LOGIN_MAX_AGE + 1)).to.equal(true);
  });

  it('drops records too old to complete when a new login starts', () => {
    const now = 5_000_000;
    savePendingLogin(sessionStorage, record('stale', now - PENDING_LOGIN_MAX_AGE - 1));
    savePendingLogin(sessionStorage, record('live', now - 1000));
    savePendingLogin(sessionStorage, record('new', now));
    expect(keysOf(sessionStorage).sort()).to.deep.equal([
      'aniapi-elements.pending.live',
      'aniapi-elements.pending.new',
    ]);
  });

  it("keeps the last login's configuration only, and reads back nothing it did not write", () => {
    expect(lastLogin(sessionStorage)).to.equal(null);
    const config = {
      clientId: 'c',
      redirectUri: 'https://app.test/cb',
      authorizeUrl: 'https://a.test/v1/oauth',
      returnTo: '/shows',
    };
    rememberLastLogin(sessionStorage, { ...config, state: 'never-kept' } as typeof config);
    expect(JSON.parse(sessionStorage.getItem('aniapi-elements.last-login')!)).to.deep.equal(config);
    expect(lastLogin(sessionStorage)).to.deep.equal(config);
    for (const broken of ['{not json', 'null', '{"clientId":"c"}', JSON.stringify({ ...config, returnTo: 7 })]) {
      sessionStorage.setItem('aniapi-elements.last-login', broken);
      expect(lastLogin(sessionStorage), broken).to.equal(null);
    }
  });

  it('makes a taken record the last login, with the authorize URL as configured', () => {
    savePendingLogin(sessionStorage, {
      ...record('one'),
      authorizeUrl: 'https://a.test/v1/oauth?tenant=x&response_type=token&client_id=client&redirect_uri=r&state=one',
    });
    takePendingLogin(sessionStorage, 'one');
    expect(lastLogin(sessionStorage)).to.deep.equal({
      clientId: 'client',
      redirectUri: 'https://app.test/callback',
      authorizeUrl: 'https://a.test/v1/oauth?tenant=x',
      returnTo: '/',
    });
  });
});
