import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { AniapiCallbackElement } from '../../src/elements/callback-element.js';
import type { AniapiErrorCode } from '../../src/elements/events.js';
import '../../src/callback.js';
import { collectEvents, storedToken } from './helpers.js';

// WebKit throws after 100 history.replaceState calls in 10 seconds (Chromium quietly
// drops calls past a limit of its own). Each arrival costs two, this one and the
// element's scrub, so arrivals are paced to stay well under any such limit.
const WINDOW = 10_000;
const MAX_ARRIVALS = 40;
const arrivals: number[] = [];

/** Puts a response in this page's address bar without a navigation, as a redirect back would: `#fragment`, and `query` if given. */
export async function arrive(fragment: string, query = location.search): Promise<void> {
  while (arrivals.length >= MAX_ARRIVALS) {
    const wait = arrivals[0]! + WINDOW - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
    arrivals.shift();
  }
  arrivals.push(performance.now());
  history.replaceState(history.state, '', `${location.pathname}${query}${fragment === '' ? '' : `#${fragment}`}`);
}

/**
 * Arrives with `fragment`, connects a callback element and waits for the outcome
 * it reports. `events` are the ones that reached the document from this element;
 * other elements still connected relay the session change too, which is not this
 * element's outcome.
 */
export async function completeWith(
  fragment: string,
  template: TemplateResult = html`<aniapi-callback></aniapi-callback>`,
  query?: string,
) {
  await arrive(fragment, query);
  const { events: heard, stop } = collectEvents();
  const element = await fixture<AniapiCallbackElement>(template);
  const events = () => heard.filter((event) => event.target === element);
  // open-wc's default wait is 1 s; a hand-back (an offer, a claim from another tab, then the report after load) can
  // take longer than that in Firefox on a loaded two-core CI machine. What is checked is the outcome, not its speed.
  await waitUntil(() => events().length > 0, 'no outcome was reported', { timeout: 5000 });
  stop();
  return { element, events: events(), status: element.shadowRoot!.querySelector('[part=status]')! };
}

/** Arrives with `fragment` and expects the failure `code`, with nothing stored and nothing leaked. */
export async function expectFailure(fragment: string, code: AniapiErrorCode) {
  const outcome = await completeWith(fragment);
  const { element, events, status } = outcome;
  expect(events.map((e) => [e.type, e.detail.code])).to.deep.equal([['aniapi-error', code]]);
  expect(element.result).to.deep.equal({ ok: false, error: events[0]!.detail });
  expect(location.hash).to.equal('');
  expect(storedToken(sessionStorage)).to.equal(null);
  expect(storedToken(localStorage)).to.equal(null);
  const secrets = new URLSearchParams(fragment);
  for (const name of ['access_token', 'state']) {
    const secret = secrets.get(name);
    if (!secret) continue;
    expect(JSON.stringify(events[0]!.detail), name).not.to.contain(secret);
    expect(status.textContent, name).not.to.contain(secret);
  }
  expect(status.textContent).to.contain('Sign-in failed.');
  expect([element.matches(':state(signed-in)'), element.matches(':state(error)')]).to.deep.equal([false, true]);
  return outcome;
}
