// Hostile responses against the real <aniapi-callback>, for the suites beside it:
// each case ends in its exact code, and every refusal also proves that nothing was
// stored, that the address bar was scrubbed, and that neither the token nor the
// live state shows up in the page's text, its attributes, the console or the
// failure's detail.
import { expect } from '@open-wc/testing';
import type { AniapiErrorCode } from '../../../src/elements/events.js';
import { getToken } from '../../../src/token/token-store.js';
import { completeWith } from '../callback-harness.js';
import { jwt, storedToken } from '../helpers.js';

// Distinctive, so that any copy of it anywhere is found.
export const TOKEN = jwt({ id: '42', exp: Math.floor(Date.now() / 1000) + 3600, mark: 'SECRETTOKENMARK' });

/** Every element of the document, inside shadow roots too. */
function allElements(root: ParentNode = document): Element[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? allElements(el.shadowRoot) : [])]);
}

/** Every text the page shows or holds in attributes, shadow roots included. */
function pageTexts(): string[] {
  return allElements().flatMap((el) => [
    ...[...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? ''),
    ...el.getAttributeNames().map((name) => el.getAttribute(name) ?? ''),
  ]);
}

/** Records what the page logs while `run` goes on. */
async function withConsole<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      originals[i]!.apply(console, args);
    };
  });
  try {
    return { result: await run(), lines };
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i]!));
  }
}

/**
 * Lands `fragment` (and `query`) on a callback element and expects the failure
 * `code`, with nothing stored, a clean address bar and no secret anywhere.
 */
export async function expectRefused(fragment: string, code: AniapiErrorCode, secrets: string[], query?: string) {
  const { result: outcome, lines } = await withConsole(() => completeWith(fragment, undefined, query));
  const { element, events } = outcome;
  expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', code]]);

  expect(storedToken(sessionStorage)).to.equal(null);
  expect(storedToken(localStorage)).to.equal(null);
  expect(getToken()).to.equal(null);

  expect(location.href).not.to.contain('#');
  expect(location.search).not.to.match(/access_token|state=|error=/);

  const places = {
    text: pageTexts().join('\n'),
    console: lines.join('\n'),
    detail: JSON.stringify(events[0]!.detail),
    result: JSON.stringify(element.result),
  };
  for (const secret of [...secrets, 'SECRETTOKENMARK', TOKEN]) {
    for (const [place, text] of Object.entries(places)) expect(text, `${place} holds a secret`).not.to.contain(secret);
  }
  return outcome;
}

/** Lands `fragment` and expects success: the token stored, the address bar clean. */
export async function expectAccepted(fragment: string, token: string) {
  const { events } = await completeWith(fragment);
  expect(events.map((e) => [e.type, e.detail.accessToken])).to.deep.equal([['aniapi-token', token]]);
  expect(location.href).not.to.contain('#');
  expect(getToken()).to.equal(token);
}
