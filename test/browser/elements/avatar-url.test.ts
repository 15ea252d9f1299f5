import { expect } from '@open-wc/testing';
import { imageUrl, MAX_DATA_AVATAR_LENGTH } from '../../../src/elements/avatar-url.js';

describe('imageUrl', () => {
  const REMOTE = new URL('https://app.example/profile');
  const HOME_PAGES = ['http://localhost:8000/', 'http://127.0.0.1:3000/', 'http://[::1]/'].map((href) => new URL(href));

  it('takes https, http on this machine and data:image/ URLs, as URLs', () => {
    expect(
      [
        'https://s4.anilist.co/a.png',
        'http://localhost:8765/a.png',
        'http://127.0.0.1/a.png',
        'http://[::1]/a.png',
        'data:image/png;base64,iVBORw0KGgo=',
        'DATA:Image/svg+xml,%3Csvg/%3E',
      ].map((value) => imageUrl(value, HOME_PAGES[0]!)),
    ).to.deep.equal([
      'https://s4.anilist.co/a.png',
      'http://localhost:8765/a.png',
      'http://127.0.0.1/a.png',
      'http://[::1]/a.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:Image/svg+xml,%3Csvg/%3E',
    ]);
  });

  it('refuses every other scheme, host or form', () => {
    const refused = [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'vbscript:msgbox(1)',
      'http://avatars.example/a.png',
      'http://localhost.example/a.png',
      'data:text/html,<script>alert(1)</script>',
      'data:,image/png',
      'blob:https://app.example/0',
      'file:///etc/passwd',
      'ftp://host/a.png',
      '/avatar.png',
      '//cdn.example/a.png',
      'avatar.png',
      '',
      42,
      null,
      undefined,
      { toString: () => 'https://a.example/' },
    ];
    for (const page of [REMOTE, ...HOME_PAGES])
      expect(
        refused.map((value) => imageUrl(value, page)),
        page.href,
      ).to.deep.equal(refused.map(() => null));
  });

  it('refuses an avatar on this machine unless the page is on this machine too', () => {
    const loopback = [
      'http://localhost:8765/a.png',
      'https://localhost/a.png',
      'https://LOCALHOST./a.png',
      'https://app.localhost/a.png',
      'http://127.0.0.1/a.png',
      'https://127.0.0.1/a.png',
      'https://127.1/a.png',
      'https://2130706433/a.png',
      'https://0x7f000001/a.png',
      'https://127.42.0.9/a.png',
      'http://[::1]/a.png',
      'https://[0:0:0:0:0:0:0:1]/a.png',
      'https://[::ffff:127.0.0.1]/a.png',
      'https://0.0.0.0/a.png',
      'https://[::]/a.png',
    ];
    expect(loopback.map((value) => imageUrl(value, REMOTE))).to.deep.equal(loopback.map(() => null));
    const atHome = [
      'http://localhost:8765/a.png',
      'https://app.localhost/a.png',
      'http://127.0.0.1/a.png',
      'https://127.42.0.9/a.png',
      'http://[::1]/a.png',
    ];
    for (const page of HOME_PAGES)
      expect(
        atHome.map((value) => imageUrl(value, page)),
        page.href,
      ).to.deep.equal(atHome);
    // Names that only look like this machine are other hosts.
    const elsewhere = [
      'https://localhost.example/a.png',
      'https://notlocalhost/a.png',
      'https://1.27.0.1/a.png',
      'https://[2001:db8::1]/a.png',
    ];
    expect(elsewhere.map((value) => imageUrl(value, REMOTE))).to.deep.equal(elsewhere);
  });

  it('takes a data: avatar of up to 64 KiB of URL text, and refuses a longer one', () => {
    const DATA_MAX = MAX_DATA_AVATAR_LENGTH;
    expect(DATA_MAX).to.equal(64 * 1024);
    const prefix = 'data:image/png;base64,';
    const longest = prefix + 'A'.repeat(DATA_MAX - prefix.length);
    expect(imageUrl(longest, REMOTE) === longest).to.equal(true);
    // Lengths, so that a failure does not print the URL.
    expect(
      [`${longest}A`, `${prefix}${'A'.repeat(30 * 1024 * 1024)}`].map(
        (value) => imageUrl(value, REMOTE)?.length ?? null,
      ),
    ).to.deep.equal([null, null]);
    // The text that would be loaded counts: each "é" becomes the six characters "%C3%A9".
    const short = `data:image/svg+xml,${'é'.repeat(DATA_MAX / 4)}`;
    expect([short.length < DATA_MAX, imageUrl(short, REMOTE)?.length ?? null]).to.deep.equal([true, null]);
  });
});
