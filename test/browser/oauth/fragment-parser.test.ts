import { expect } from '@open-wc/testing';
import { MAX_FRAGMENT_LENGTH, parseFragment } from '../../../src/oauth/fragment-parser.js';

describe('parseFragment', () => {
  it('reads an AniAPI response with or without the #', () => {
    const expected = new Map([
      ['access_token', 'a.b.c'],
      ['state', 'xyz_-'],
    ]);
    expect(parseFragment('#access_token=a.b.c&state=xyz_-')).to.deep.equal(expected);
    expect(parseFragment('access_token=a.b.c&state=xyz_-')).to.deep.equal(expected);
  });

  it('form-decodes: + is a space and %XX is a byte of UTF-8', () => {
    const params = parseFragment('error_description=Access+denied%2C%20sorry');
    expect(params).to.be.instanceOf(Map);
    expect((params as Map<string, string>).get('error_description')).to.equal('Access denied, sorry');
  });

  it('treats an empty value as absent and keeps names case-sensitive', () => {
    const params = parseFragment('state=&Access_Token=x&foo') as Map<string, string>;
    expect(params.has('state')).to.equal(false);
    expect(params.has('foo')).to.equal(false);
    expect(params.has('access_token')).to.equal(false);
    expect(params.get('Access_Token')).to.equal('x');
  });

  it('keeps values in a Map, so prototype names are plain keys', () => {
    const params = parseFragment('constructor=a&__proto__=b') as Map<string, string>;
    expect(params.get('constructor')).to.equal('a');
    expect(params.get('__proto__')).to.equal('b');
    expect(params.get('toString')).to.equal(undefined);
  });

  const malformed: Array<[string, string]> = [
    ['a repeated name', 'state=a&state=b'],
    ['an identical repeated pair', 'state=a&state=a'],
    ['a repeat hidden by encoding', 'state=a&st%61te=a'],
    ['a repeat of an empty value', 'state=&state=a'],
    ['a lone %', 'state=a%'],
    ['a % with one digit', 'state=a%4'],
    ['a % with no hex digits', 'state=%zz'],
    ['invalid UTF-8', 'state=%C3%28'],
    ['an overlong UTF-8 sequence', 'state=%C0%AF'],
    ['a UTF-16 surrogate', 'state=%ED%A0%80'],
    ['valid UTF-8 outside VSCHAR', 'state=caf%C3%A9'],
    ['a NUL', 'state=a%00'],
    ['a CR LF', 'state=a%0D%0Ab'],
    ['a DEL', 'state=a%7F'],
    ['a raw second #', 'state=a#b'],
    ['a raw space', 'state=a b'],
    ['a raw quote', 'state="a"'],
  ];
  for (const [what, fragment] of malformed) {
    it(`refuses ${what}`, () => {
      expect(parseFragment(fragment)).to.be.a('string');
    });
  }

  it('refuses a fragment over the length cap, at once', () => {
    const long = `state=${'a'.repeat(MAX_FRAGMENT_LENGTH)}`;
    expect(parseFragment(long)).to.equal('The response is far longer than any real one.');
    expect(parseFragment('a'.repeat(1024 * 1024))).to.be.a('string');
  });

  it('accepts exactly the cap', () => {
    const fragment = `state=${'a'.repeat(MAX_FRAGMENT_LENGTH - 6)}`;
    expect(parseFragment(fragment)).to.be.instanceOf(Map);
  });
});
