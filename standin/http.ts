// How the stand-in speaks HTTP as AniAPI does: the JSON envelope, an error answer, the
// headers on every answer, CORS where AniAPI's clients need it, and reading a JSON body.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** AniAPI's JSON envelope, on every answer but the login page. */
export interface Envelope {
  status_code: number;
  message: string;
  data: unknown;
  version: '1';
}

/** What a route answers, before the headers common to every answer are added. */
export type Answer = { envelope: Envelope } | { html: string } | { script: string } | { empty: true };

export const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** An error answer: the HTTP status, and the envelope's status code and data. */
export class Refusal {
  constructor(
    readonly status: number,
    readonly data: string,
    readonly message = STATUS_MESSAGES[status] ?? 'Error',
  ) {}
}

const MAX_BODY = 16 * 1024;

export function envelope(status_code: number, message: string, data: unknown): Envelope {
  return { status_code, message, data, version: '1' };
}

/** AniAPI's CORS: any origin; the headers a client needs to honour a 429 are exposed. */
export function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Expose-Headers', 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
  res.setHeader('Access-Control-Max-Age', '600');
}

export function send(res: ServerResponse, answer: Answer, status: number): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if ('envelope' in answer) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(answer.envelope));
  } else if ('html' in answer) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    res.end(answer.html);
  } else if ('script' in answer) {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.end(answer.script);
  } else {
    res.end();
  }
}

/**
 * The body as a JSON object, sent as `application/json` (a charset or other parameter allowed):
 * a plain-text body, which a page on any origin may send without a preflight, is refused.
 */
export async function readJson(req: IncomingMessage): Promise<{ email?: unknown; password?: unknown }> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new Refusal(415, 'Content-Type must be application/json');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Refusal(413, 'Request body is too large');
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {
    // Reported below.
  }
  throw new Refusal(400, 'Request body is not valid JSON');
}
