// The store is input: another tab or a script of the origin can write anything under the package's key. It is read
// through the callback's grammar and expiry checks (security round 3, point 4).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AniapiLoginElement } from '../../../src/elements/login-element.js';
import type { AniapiUserElement } from '../../../src/elements/user-element.js';
import '../../../src/login.js';
import '../../../src/user.js';
import { getSession, getToken, logout, setToken } from '../../../src/token/token-store.js';
import type { AniapiError } from '../../../src/oauth/errors.js';
import {
  afterPageLoad,
  aniapiToken,
  base64url,
  clearStorage,
  collectEvents,
  DEMO_USER,
  jwt,
  otherTabWrites,
  sessionRecord,
  storedToken,
  thrown,
  TOKEN_KEY,
} from '../helpers.js';

const now = () => Math.floor(Date.now() / 1000);

/** Values another tab or script may write under the key, none of which the callback would have kept. */
const GARBAGE: Array<[string, string]> = [
  ['markup', '<img src=x onerror=alert(1)>'],
  ['text that is no record', 'garbage'],
  ['a bare token, as the store held before it kept records', aniapiToken()],
  ['a record whose token is markup', sessionRecord('<img src=x onerror=alert(1)>')],
  ['a record without an id', JSON.stringify({ accessToken: aniapiToken(), issuer: null })],
  ['a record with an issuer that is no text', JSON.stringify({ accessToken: aniapiToken(), issuer: 1, id: 'x' })],
  ['a token with exp 0', sessionRecord(jwt({ id: '1', exp: 0 }))],
  [
    'a token with exp -1e999 (-Infinity)',
    sessionRecord(`${base64url('{}')}.${base64url('{"id":"1","exp":-1e999}')}.c2ln`),
  ],
  ['a token with exp as text', sessionRecord(jwt({ id: '1', exp: String(now() + 3600) }))],
  ['a token that expired an hour ago', sessionRecord(jwt({ id: '1', exp: now() - 3600 }))],
];

/** Tokens that no `Authorization` header can carry. */
const UNSENDABLE: Array<[string, string]> = [
  ['CR/LF', 'abc\r\nX-Injected: 1'],
  ['non-Latin-1 text', 'tökén-日本'],
  ['1 MiB of data', 'a'.repeat(1024 * 1024)],
];

describe('the store, read as input', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(clearStorage);

  for (const [what, value] of GARBAGE) {
    it(`never reports ${what}, written by another tab, as a sign-in; it clears it`, async () => {
      const element = await fixture<AniapiLoginElement>(html`<aniapi-login></aniapi-login>`);
      const events = collectEvents(element);
      try {
        otherTabWrites(value, { raw: true });
        await element.updateComplete;
      } finally {
        events.stop();
      }
      expect(events.events.map((event) => event.type)).to.deep.equal([]);
      expect(element.hasAttribute('signed-in')).to.equal(false);
      expect(getSession()).to.equal(null);
      expect(localStorage.getItem(TOKEN_KEY)).to.equal(null);
    });

    it(`ends a session that ${what}, written by another tab, overwrote: listeners hear logout`, async () => {
      setToken(aniapiToken(), 'local');
      const element = await fixture<AniapiLoginElement>(html`<aniapi-login></aniapi-login>`);
      await afterPageLoad();
      const events = collectEvents(element);
      try {
        otherTabWrites(value, { raw: true });
        await element.updateComplete;
      } finally {
        events.stop();
      }
      expect(events.events.map((event) => [event.type, event.detail])).to.deep.equal([
        ['aniapi-logout', { reason: 'logout' }],
      ]);
      expect(element.hasAttribute('signed-in')).to.equal(false);
      expect(localStorage.getItem(TOKEN_KEY)).to.equal(null);
    });

    it(`reads ${what}, found in sessionStorage as a page loads, as signed out, and an element clears it`, async () => {
      sessionStorage.setItem(TOKEN_KEY, value);
      expect(getSession()).to.equal(null);
      const events = collectEvents();
      try {
        const element = await fixture<AniapiLoginElement>(html`<aniapi-login></aniapi-login>`);
        await element.updateComplete;
        expect(element.hasAttribute('signed-in')).to.equal(false);
        // Once the element has told what it heard as it connected.
        await afterPageLoad();
      } finally {
        events.stop();
      }
      // A token that reads as expired is dropped by the expiry watch, as one that expired while the page was away,
      // and its end is told as such; anything else is no session. Never a sign-in.
      expect(events.events.map((event) => event.type)).not.to.include('aniapi-token');
      expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
    });
  }

  for (const [what, token] of UNSENDABLE) {
    it(`drops a stored token with ${what}: the card shows signed out, not a network error forever`, async () => {
      sessionStorage.setItem(TOKEN_KEY, sessionRecord(token));
      const requests: string[] = [];
      const fetch = async (url: RequestInfo | URL) => {
        requests.push(String(url));
        return new Response(JSON.stringify({ status_code: 200, message: 'Hi', data: DEMO_USER, version: '1' }));
      };
      const card = await fixture<AniapiUserElement>(html`<aniapi-user api-base="http://127.0.0.1:8765"></aniapi-user>`);
      card.fetch = fetch;
      const events = collectEvents(card);
      await waitUntil(() => card.status !== 'loading', 'the card settles');
      events.stop();
      expect(card.status).to.equal('signed-out');
      expect(events.events.map((event) => event.type)).to.deep.equal([]);
      expect(requests).to.deep.equal([]);
      expect(storedToken(sessionStorage)).to.equal(null);
    });

    it(`refuses to keep a token with ${what} from setToken, with invalid_config`, () => {
      setToken(aniapiToken());
      const failure = thrown<AniapiError>(() => setToken(token));
      expect(failure.code).to.equal('invalid_config');
      expect(failure.message).not.to.contain(token.slice(0, 20));
      // Nothing changed: the session goes on.
      expect(getToken()).not.to.equal(null);
    });
  }
});
