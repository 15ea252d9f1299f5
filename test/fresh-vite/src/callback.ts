// The redirect-URI page: <aniapi-callback> completes the login, and this page hears the outcome.
import 'aniapi-elements/callback';
import type { AniapiTokenDetail } from 'aniapi-elements/callback';

const callback = document.querySelector('aniapi-callback')!;

function heard(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  document.querySelector('#events')!.append(item);
}

function describe(detail: AniapiTokenDetail): string {
  return `aniapi-token expires ${detail.expiresAt === null ? 'never' : 'at exp'}, back to ${detail.returnTo}`;
}

callback.addEventListener('aniapi-token', (event) => heard(describe(event.detail)));
callback.addEventListener('aniapi-error', (event) => heard(`aniapi-error ${event.detail.code}: ${event.detail.message}`));
// The token lives where the element's store says: here, the default sessionStorage.
const store: 'session' | 'local' | 'memory' = callback.store;
heard(`store ${store}`);
