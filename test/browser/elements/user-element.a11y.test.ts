// <aniapi-user> in each of its states, checked with axe in each mode of a11y-modes.ts.
import { expect, html } from '@open-wc/testing';
import type { AniapiUser } from '../../../src/http/fetch-user.js';
import type { AniapiUserElement, AniapiUserStatus } from '../../../src/elements/user-element.js';
import { logout, setToken } from '../../../src/token/token-store.js';
import { expectAccessible, inEachMode } from '../a11y-modes.js';
import { aniapiToken, clearStorage } from '../helpers.js';
import { DEMO, aniapi, card, knowing, until } from './user-harness.js';

const withoutAvatar: AniapiUser = { ...DEMO };
delete withoutAvatar.avatar;

/**
 * Each view of the card, with the AniAPI that leads to it: none, one that never answers,
 * one that knows the user, or one that answers 429. Every card has a slotted logout button;
 * the last one has the page's own text for signed-out too.
 */
const userStates: Array<[string, AniapiUserStatus, typeof globalThis.fetch, ReturnType<typeof html>?]> = [
  ['loading', 'loading', aniapi().fetch],
  ['signed-in', 'signed-in', knowing(DEMO).fetch],
  ['signed-in, with no avatar', 'signed-in', knowing(withoutAvatar).fetch],
  ['signed-out', 'signed-out', knowing(DEMO).fetch],
  [
    'error',
    'error',
    aniapi((request) => request.answer(429, { status_code: 429, message: 'Too Many Requests' })).fetch,
  ],
  [
    "signed-out, in the page's own words",
    'signed-out',
    knowing(DEMO).fetch,
    html`<a slot="signed-out" href="/login">Please sign in</a>`,
  ],
];

/** A user card that reaches `status` through `fetch`, and has rendered it. */
async function userIn(
  status: AniapiUserStatus,
  fetch: typeof globalThis.fetch,
  content = html``,
): Promise<AniapiUserElement> {
  if (status !== 'signed-out') setToken(aniapiToken());
  const element = await card(fetch, html`${content}<button type="button">Log out</button>`);
  await until(element, status);
  return element;
}

describe('<aniapi-user> accessibility', () => {
  beforeEach(() => {
    logout();
    clearStorage();
  });
  afterEach(() => {
    logout();
    clearStorage();
  });

  inEachMode((mode) => {
    for (const [state, status, fetch, content] of userStates) {
      it(`${state} has no axe violation`, async () => {
        const element = await userIn(status, fetch, content);
        expect(element.matches(`:state(${status})`)).to.equal(true);
        await expectAccessible(element, mode);
      });
    }
  });
});
