/**
 * The avatar rule: which picture URL from AniAPI's answer `<aniapi-user>` lets
 * its `<img>` load. AniAPI's answer is input from a server the page does not
 * control, so its avatar is a URL to check like any other.
 */
import { secureOrLocal } from '../oauth/url-rules.js';

/** The longest `data:` avatar an `<img>` may load, in characters of URL text: 64 KiB. */
export const MAX_DATA_AVATAR_LENGTH = 64 * 1024;

// Every name of this machine the URL parser leaves: 127/8, 0.0.0.0 (which reaches it too),
// [::1], [::], IPv4-mapped IPv6, localhost and its subdomains, with or without a final dot.
const LOOPBACK = /^(127\.|0\.0\.0\.0$|\[::(1?\]|ffff:)|(.+\.)?localhost\.?$)/;

/**
 * Returns `value` as a URL an `<img>` may load from AniAPI's answer: https,
 * http on this machine, or a `data:image/` URL of at most
 * {@link MAX_DATA_AVATAR_LENGTH} characters; null for anything else
 * (`javascript:`, other schemes, relative or unparsable values). An avatar on
 * this machine is refused unless `page` is on it too: a remote server must not
 * make the browser knock on local services.
 */
export function imageUrl(value: unknown, page: Pick<Location, 'hostname'>): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (LOOPBACK.test(url.hostname) && !LOOPBACK.test(page.hostname)) return null;
  const data = url.protocol === 'data:' && /^image\//i.test(url.pathname) && url.href.length <= MAX_DATA_AVATAR_LENGTH;
  return secureOrLocal(url) || data ? url.href : null;
}
