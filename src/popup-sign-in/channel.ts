/**
 * The hand-back channel: how a callback page offers its response to the
 * origin's other windows, and how the window that started the login claims it.
 */
import { parseFragment } from '../oauth/fragment-parser.js';
import { listen } from '../internal/listen.js';
import type { HandBackClaim } from '../response/response-stash.js';

/** The channel's name, and the `localStorage` key of the fallback. */
const CHANNEL = 'aniapi-elements.hand-back.v1';
export const OFFER = 'aniapi-elements.offer.v1';
export const CLAIM = 'aniapi-elements.claim.v1';
export const REFUSAL = 'aniapi-elements.refusal.v1';

/** A callback page offers its response: the fragment as it arrived. */
export interface Offer {
  type: typeof OFFER;
  fragment: string;
}

/** The starting window took the response of the login with this state. */
export interface Claim extends HandBackClaim {
  type: typeof CLAIM;
  state: string;
}

/**
 * A popup refused its response, which names no login (it has no state, cannot be read, or came in the query), and
 * tells its opener so, without the response's text: whether it came in the query.
 */
export interface Refusal {
  type: typeof REFUSAL;
  inQuery: boolean;
}

/** What windows post to each other in a hand-back: an offer, or a claim that answers it; a popup's refusal. */
type Post = Offer | Claim | Refusal;

/** The origin's other tabs, as one window talks to them. */
export interface Channel {
  send(post: Post): void;
  close(): void;
}

/** Answers a post where it came from: the window that posted it, or the origin's other tabs. */
export type Reply = (post: Post) => void;

/**
 * Hears this origin's posts, from another window (`source`) or from the
 * origin's other tabs (no `source`). Returns the channel to the other tabs, to send
 * on; closing it ends the hearing too.
 */
export function hearPosts(hear: (data: unknown, reply: Reply, source?: MessageEventSource | null) => void): Channel {
  const onMessage = (event: MessageEvent): void => {
    if (event.origin !== location.origin) return;
    hear(event.data, (post) => (event.source as Window).postMessage(post, location.origin), event.source);
  };
  const stopListening = listen(window, ['message'], onMessage);
  const channel = openChannel((data) => hear(data, (post) => channel.send(post)));
  return {
    send: (post) => channel.send(post),
    close() {
      stopListening();
      channel.close();
    },
  };
}

/** Talks to the origin's other tabs: over a BroadcastChannel where there is one, else through `storage` events. */
function openChannel(hear: (data: unknown) => void): Channel {
  if (typeof BroadcastChannel === 'function') {
    const broadcast = new BroadcastChannel(CHANNEL);
    broadcast.onmessage = (event) => hear(event.data);
    return { send: (post) => broadcast.postMessage(post), close: () => broadcast.close() };
  }
  // A localStorage entry written and removed at once reaches the other tabs as a `storage` event.
  const onStorage = ({ key, newValue }: StorageEvent): void => {
    if (key !== CHANNEL || !newValue) return;
    try {
      hear(JSON.parse(newValue));
    } catch {
      // Not ours, or not JSON: ignored.
    }
  };
  const stopListening = listen(window, ['storage'], onStorage);
  return {
    send(post) {
      try {
        localStorage.setItem(CHANNEL, JSON.stringify(post));
        localStorage.removeItem(CHANNEL);
      } catch {
        // Storage refused: nothing reaches the other tabs, and the offer simply goes unclaimed.
      }
    },
    close: stopListening,
  };
}

export function isOffer(data: unknown): data is Offer {
  return (data as Offer | null)?.type === OFFER && typeof (data as Offer).fragment === 'string';
}

export function isRefusal(data: unknown): data is Refusal {
  return (data as Refusal | null)?.type === REFUSAL && typeof (data as Refusal).inQuery === 'boolean';
}

export function isClaimFor(data: unknown, state: string): data is Claim {
  return (data as Claim | null)?.type === CLAIM && (data as Claim).state === state;
}

/** The state a response answers, or undefined when it has none or cannot be read. */
export function stateOf(fragment: string): string | undefined {
  const params = parseFragment(fragment);
  return typeof params === 'string' ? undefined : params.get('state');
}
