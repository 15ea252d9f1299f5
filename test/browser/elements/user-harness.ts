// <aniapi-user> as its tests drive it: AniAPI played by the element's fetch, answered
// when and how each test says, and what a sighted reader and a screen reader get from
// the card.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { AniapiUser } from '../../../src/http/fetch-user.js';
import type { AniapiUserElement, AniapiUserStatus } from '../../../src/elements/user-element.js';
import '../../../src/user.js';

export const API = 'http://127.0.0.1:8765';
export const AVATAR =
  'data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20viewBox=%220%200%201%201%22/%3E';
export const DEMO: AniapiUser = {
  id: 1,
  username: 'demo',
  email: 'demo@aniapi.test',
  email_verified: true,
  role: 0,
  gender: 0,
  avatar: AVATAR,
  has_anilist: true,
  has_mal: false,
};
export const ANN: AniapiUser = { ...DEMO, id: 2, username: 'ann', email: 'ann@aniapi.test' };
export const BUSY = 'Could not load the signed-in user. AniAPI is busy with too many requests; try again shortly.';

/** AniAPI's answer to `GET /v1/auth/me` for `user`. */
export const hi = (user: AniapiUser) => ({
  status_code: 200,
  message: `Hi ${user.username}`,
  data: user,
  version: '1',
});

export interface Request {
  url: string;
  authorization: string;
  answer(status: number, body: unknown, headers?: Record<string, string>): void;
  fail(): void;
}

/**
 * AniAPI as the element's fetch reaches it: each request waits until the test
 * answers it (in any order), or `auto` answers it as it comes.
 */
export function aniapi(auto?: (request: Request) => void) {
  const asked: Request[] = [];
  const fetch = (url: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const request: Request = {
        url: String(url),
        authorization: (init.headers as Record<string, string>).Authorization!,
        answer: (status, body, headers = {}) => resolve(new Response(JSON.stringify(body), { status, headers })),
        fail: () => reject(new TypeError('Failed to fetch')),
      };
      asked.push(request);
      auto?.(request);
    });
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

/** An AniAPI that knows `user` behind every token. */
export const knowing = (user: AniapiUser) => aniapi((request) => request.answer(200, hi(user)));

export function card(fetch: typeof globalThis.fetch, content: TemplateResult = html``, apiBase = API) {
  return fixture<AniapiUserElement>(html`<aniapi-user api-base=${apiBase} .fetch=${fetch}>${content}</aniapi-user>`);
}

/** Waits until the card shows `status`, and has rendered it. */
export async function until(element: AniapiUserElement, status: AniapiUserStatus): Promise<void> {
  await waitUntil(() => element.status === status, `never ${status}, still ${element.status}`);
  await element.updateComplete;
}

/** The text a sighted reader sees in the card: its shown view, slotted content in place of defaults. */
export function seen(element: AniapiUserElement): string {
  const text = (node: Node): string => {
    if (node instanceof HTMLSlotElement) return node.assignedNodes({ flatten: true }).map(text).join(' ');
    if (node instanceof Element)
      return node.checkVisibility() && node.getAttribute('role') !== 'status'
        ? [...node.childNodes].map(text).join(' ')
        : '';
    return node.textContent ?? '';
  };
  return [...element.shadowRoot!.childNodes].map(text).join(' ').replace(/\s+/g, ' ').trim();
}

/** The parts a sighted reader sees, in document order. */
export const shownParts = (element: AniapiUserElement) =>
  [...element.shadowRoot!.querySelectorAll('[part]')]
    .filter((node) => node.checkVisibility())
    .map((node) => node.getAttribute('part'));

/** What the polite live region holds for a screen reader to announce. */
export function liveRegion(element: AniapiUserElement): HTMLElement {
  const regions = element.shadowRoot!.querySelectorAll<HTMLElement>('[role=status]');
  expect(regions.length).to.equal(1);
  expect(regions[0]!.getAttribute('aria-live') ?? 'polite').to.equal('polite');
  return regions[0]!;
}

export const states = (element: AniapiUserElement) =>
  ['loading', 'signed-in', 'signed-out', 'error'].filter((name) => element.matches(`:state(${name})`));
