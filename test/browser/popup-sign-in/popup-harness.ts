// The popup's window and the other tabs, played in this page for the popup tests:
// window.open gives a stand-in window, and the other tab is a BroadcastChannel of
// this page (a channel hears every other channel of its name, in the same page
// too). The journeys with a real popup and two real tabs run end to end in
// test/e2e/popup.test.mjs.
import { keysOf } from '../helpers.js';

export const CHANNEL = 'aniapi-elements.hand-back.v1';
export const OFFER = 'aniapi-elements.offer.v1';
export const CLAIM = 'aniapi-elements.claim.v1';

/** What the login sees of its popup, recorded. */
export class PopupWindow {
  closed = false;
  url = '';
  readonly location = { replace: (url: string) => void (this.url = url) };
  close(): void {
    this.closed = true;
  }
}

const realOpen = window.open;

/** Every window.open call since the last stubOpen(): its URL and features. */
export let opened: { url: string | undefined; features: string | undefined }[] = [];

/** Makes window.open record its calls and return `result` (null: the browser blocked it); restore() undoes it. */
export function stubOpen<W extends PopupWindow | null>(result: W): W {
  window.open = ((url?: string, _target?: string, features?: string) => {
    opened.push({ url, features });
    return result;
  }) as typeof window.open;
  return result;
}

/** Gives back the browser's own window.open and forgets the recorded calls. */
export function restoreOpen(): void {
  window.open = realOpen;
  opened = [];
}

/** The state a login sent the popup with. */
export const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

/** This tab's pending-login keys. */
export const pending = () => keysOf(sessionStorage).filter((key) => key.startsWith('aniapi-elements.pending.'));

/** Another tab's channel: offers `fragment` and resolves to the first claim it hears. */
export function offerFromAnotherTab(fragment: string): Promise<unknown> {
  const channel = new BroadcastChannel(CHANNEL);
  return new Promise((resolve) => {
    channel.onmessage = (event) => {
      channel.close();
      resolve(event.data);
    };
    channel.postMessage({ type: OFFER, fragment });
  });
}

/** Another tab that claims every offer it hears, saying `ok` (whether it signed in with it), and records the offers. */
export function claimingTab(ok: boolean): { offers: unknown[]; close: () => void } {
  const channel = new BroadcastChannel(CHANNEL);
  const offers: unknown[] = [];
  channel.onmessage = (event) => {
    offers.push(event.data);
    const state = new URLSearchParams(event.data.fragment.slice(1)).get('state');
    channel.postMessage({ type: CLAIM, state, ok });
  };
  return { offers, close: () => channel.close() };
}
