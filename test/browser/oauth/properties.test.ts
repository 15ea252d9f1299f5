// Property-based tests: the parser and the pending logins against inputs no
// one would think to write by hand.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { completeLogin } from '../../../src/response/complete-login.js';
import { AniapiError } from '../../../src/oauth/errors.js';
import { parseFragment } from '../../../src/oauth/fragment-parser.js';
import { PENDING_LOGIN_MAX_AGE, savePendingLogin, takePendingLogin } from '../../../src/oauth/pending-logins.js';
import { logout } from '../../../src/token/token-store.js';
import { clearStorage, pageAt, startLogin } from '../helpers.js';

const VSCHAR = /^[\x20-\x7e]*$/;
const B64TOKEN = /^[\w\-.~+/]+=*$/;

const vschar = (minLength = 0) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength,
    maxLength: 40,
  });
// Strings made of what fragments are made of, so that generated inputs reach past the first check.
const fragmentish = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    '-',
    '_',
    '.',
    '~',
    '%',
    '2',
    'B',
    'C',
    '3',
    'f',
    '+',
    '&',
    '=',
    '#',
    ' ',
    '/',
    '?',
    '\u00e9',
  ),
  maxLength: 80,
});

describe('parseFragment, for any input', () => {
  it('never throws, and a result holds only unique, non-empty VSCHAR values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fragmentish), (input) => {
        const result = parseFragment(input);
        if (typeof result === 'string') return;
        for (const [name, value] of result) {
          expect(name).to.match(VSCHAR);
          expect(value).to.match(VSCHAR);
          expect(value).not.to.equal('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any parameters, percent-encoded or form-encoded', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(vschar(1), vschar(1)), { selector: ([name]) => name, maxLength: 8 }),
        (pairs) => {
          const expected = new Map(pairs);
          const percent = pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
          const form = new URLSearchParams(pairs).toString();
          expect(parseFragment(percent)).to.deep.equal(expected);
          expect(parseFragment(`#${form}`)).to.deep.equal(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('completeLogin, for any response', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  after(() => {
    logout();
    clearStorage();
  });

  const LIVE = 'LIVE-STATE';
  const pair = fc.oneof(
    fc.constantFrom<[string, string]>(
      ['access_token', 'eyJ.a.b'],
      ['access_token', 'x y'],
      ['access_token', ''],
      ['access_token', 'a+b'],
    ),
    fc.constantFrom<[string, string]>(['state', LIVE], ['state', `${LIVE}x`], ['state', ''], ['state', '__proto__']),
    fc.constantFrom<[string, string]>(
      ['token_type', 'bearer'],
      ['token_type', 'mac'],
      ['error', 'access_denied'],
      ['refresh_token', 'r'],
      ['code', 'c'],
      ['id_token', 'i'],
      ['expires_in', '3600'],
      ['expires_in', 'soon'],
    ),
    fc.tuple(vschar(1), vschar()),
  );
  /** A response of parameters a real or hostile server might send, in any order, repeated or not, encoded or raw; LIVE stands for the live state. */
  const response = fc
    .tuple(fc.boolean(), fc.array(fc.tuple(pair, fc.boolean()), { maxLength: 4 }))
    // Half start from a well-formed success, so that the property is tested on successes too.
    .chain(([core, extra]) => {
      const success: Array<[[string, string], boolean]> = [
        [['access_token', 'eyJ.a.b'], false],
        [['state', LIVE], false],
      ];
      const pairs = [...(core ? success : []), ...extra];
      return fc.shuffledSubarray(pairs, { minLength: pairs.length });
    })
    .map((pairs) =>
      pairs.map(([[n, v], raw]) => (raw ? `${n}=${v}` : `${encodeURIComponent(n)}=${encodeURIComponent(v)}`)).join('&'),
    );

  it('gives a token only for a well-formed success that matches a live pending login, once', () => {
    let successes = 0;
    fc.assert(
      // The login starts up to 15 s either side of the 10-minute limit before the response comes.
      fc.property(fc.oneof(response, fragmentish), fc.integer({ min: -15_000, max: 15_000 }), (template, skew) => {
        clearStorage();
        // One clock reading for the whole run, so the flow and the check agree on "now".
        const now = Date.now();
        const startedAt = now - PENDING_LOGIN_MAX_AGE + skew;
        const live = startLogin({ now: startedAt });
        const fragment = template.replaceAll(LIVE, live);
        let token: string;
        try {
          token = completeLogin(fragment, 'memory', pageAt(now)).accessToken;
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(AniapiError);
          return;
        }
        successes++;
        expect(now - startedAt, 'an expired login').to.be.at.most(PENDING_LOGIN_MAX_AGE);
        // Checked without the parser under test.
        const raw = new URLSearchParams(fragment);
        expect(raw.get('token_type') ?? 'bearer').to.match(/^bearer$/i);
        expect(raw.get('expires_in') ?? '0').to.match(/^\d+$/);
        // Checked without the parser under test: a success never repeats a name.
        const names = fragment
          .split('&')
          .filter(Boolean)
          .map((pair) => decodeURIComponent(pair.split('=')[0]!.replace(/\+/g, ' ')));
        expect(new Set(names).size, 'a repeated name').to.equal(names.length);
        const params = parseFragment(fragment);
        expect(params).to.be.instanceOf(Map);
        const map = params as Map<string, string>;
        expect(map.get('state')).to.equal(live);
        expect(map.get('access_token')).to.equal(token);
        expect(token).to.match(B64TOKEN);
        for (const foreign of ['error', 'refresh_token', 'code', 'id_token'])
          expect(map.has(foreign), foreign).to.equal(false);
        expect(sessionStorage.getItem(`aniapi-elements.pending.${live}`)).to.equal(null);
        expect(() => completeLogin(fragment, 'memory', pageAt(now))).to.throw(AniapiError);
      }),
      { numRuns: 1000 },
    );
    // The property must have been tested on successes too, not only on refusals.
    // About 35 in 1,000 runs; 10 is far enough below to never fail by chance.
    expect(successes).to.be.greaterThan(10);
  });
});

describe('pending logins, for any state', () => {
  beforeEach(clearStorage);
  after(clearStorage);

  it('give a record back for exactly its own state, once', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        (saved, asked) => {
          clearStorage();
          const record = {
            state: saved,
            clientId: 'c',
            authorizeUrl: 'https://a.test/',
            redirectUri: 'https://b.test/',
            returnTo: '/',
            createdAt: 1,
          };
          savePendingLogin(sessionStorage, record);
          if (asked !== saved) expect(takePendingLogin(sessionStorage, asked)).to.equal(null);
          expect(takePendingLogin(sessionStorage, saved)).to.deep.equal(record);
          expect(takePendingLogin(sessionStorage, saved)).to.equal(null);
        },
      ),
      { numRuns: 300 },
    );
  });
});
