// Negative type tests in TypeScript, part of `ng build`, which type-checks every file of tsconfig.app.json
// (this one is never imported by the app):
// each line under @ts-expect-error must fail to type-check, or the compiler reports
// "Unused '@ts-expect-error' directive". The line above each must pass, so that a test
// cannot be satisfied by a type that is missing altogether.
// Mistakes inside templates are covered by `npm run check` (type-errors/).
import type { AniapiTokenEvent } from 'aniapi-elements';

/** A handler that misreads the token event's detail. */
export function misreadToken(event: AniapiTokenEvent): string | null {
  const { returnTo } = event.detail;
  // @ts-expect-error: the detail of aniapi-token has accessToken, not token
  const { token } = event.detail;
  return returnTo ?? String(token);
}

/** A store value for <aniapi-callback>, typed from the element's own class. */
export const local: HTMLElementTagNameMap['aniapi-callback']['store'] = 'local';
// @ts-expect-error: 'cookie' is no TokenStore
export const cookie: HTMLElementTagNameMap['aniapi-callback']['store'] = 'cookie';
