// What the app asked the stand-in, for a test to assert on: each request's method, path,
// query, Authorization scheme, status and time, with every credential left out.
import type { IncomingMessage } from 'node:http';

/** One request the stand-in answered, as `standin.requests` lists it. Never holds a token or secret. */
export interface StandinRequest {
  /** The HTTP method, e.g. `GET`. */
  method: string;
  /** The path as sent, without the query; a JWT in it is replaced by `[redacted]`. */
  path: string;
  /** The query's parameters, the first value of each; credentials (see `REDACTED_PARAMETERS`) and JWTs read `[redacted]`. */
  query: Record<string, string>;
  /** The Authorization header's scheme alone (`Bearer`, `Basic`, …); null without the header; never its credentials. */
  authorization: string | null;
  /** The HTTP status of the answer (AniAPI sends some errors in the envelope of a 200). */
  status: number;
  /** When the request arrived, in milliseconds since the epoch. */
  time: number;
}

/**
 * The query parameters whose values are credentials: a misplaced token, the code
 * grant's client secret and code (which together make a token), a password.
 */
export const REDACTED_PARAMETERS: readonly string[] = ['access_token', 'client_secret', 'code', 'password'];

const REDACTED = '[redacted]';
// A JWT wherever it stands (its header always starts `{"`, base64url "eyJ"), so that a token an
// app put in a path or an unexpected parameter is not kept either.
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
// An auth scheme is a short word; anything else in its place (a bare token) is left out.
const SCHEME = /^[A-Za-z]{0,20}$/;
// Enough for any test; a stand-in left running for days forgets its oldest requests.
const MAX_ENTRIES = 10_000;

/** The requests a stand-in answered, oldest first. */
export class RequestLog {
  readonly #entries: StandinRequest[] = [];

  /** Notes a request answered with `status`, `time` being when it arrived. */
  record(req: IncomingMessage, status: number, time: number): void {
    const target = req.url ?? '';
    const at = target.search(/[?#]/);
    const path = at === -1 ? target : target.slice(0, at);
    const search = at === -1 || target[at] === '#' ? '' : target.slice(at + 1).split('#')[0]!;
    const query = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(search)) {
      const key = scrub(name);
      if (!query.has(key)) query.set(key, REDACTED_PARAMETERS.includes(name) ? REDACTED : scrub(value));
    }
    const header = req.headers.authorization;
    const scheme = header === undefined ? null : header.split(' ')[0]!;
    this.#entries.push({
      method: req.method ?? '',
      path: scrub(path),
      // Object.fromEntries, unlike assignment, keeps a parameter named __proto__ as an own field.
      query: Object.fromEntries(query),
      authorization: scheme === null || SCHEME.test(scheme) ? scheme : REDACTED,
      status,
      time,
    });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
  }

  /** A copy of the entries, so that a test's list does not change under it. */
  get entries(): StandinRequest[] {
    return this.#entries.map((entry) => ({ ...entry, query: { ...entry.query } }));
  }
}

function scrub(text: string): string {
  return text.replace(JWT, REDACTED);
}
