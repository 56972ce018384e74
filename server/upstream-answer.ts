/**
 * What the browser gets when the API answered oddly or not at all: always the API's JSON envelope.
 * An answer that is not a JSON object (an HTML error page from a load balancer, a truncated body)
 * is `upstream_invalid`; a call that ran out of time is 504, one that could not connect 502.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isApiErrorBody } from '../contract/aurous';
import { consoleError } from './console-error';
import { UpstreamCallError, type UpstreamAnswer } from './upstream';

/** Methods the Aurous API has on /v1 (HEAD answers like GET); anything else is refused here. */
export const API_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] as const;

/** TRACE, OPTIONS, PUT, CONNECT…: 405 in the envelope, never forwarded (OPTIONS: no CORS is offered on /api). */
export function methodNotAllowed(c: Context) {
  c.header('Allow', API_METHODS.join(', '));
  return consoleError(
    c,
    405,
    'invalid_request',
    'method_not_allowed',
    `${c.req.method} is not supported on the console API (use ${API_METHODS.join(', ')}; cross-origin calls are not offered).`,
  );
}

export function upstreamCallFailed(c: Context, error: unknown) {
  const reason = error instanceof UpstreamCallError ? error.reason : 'unreachable';
  if (reason === 'rate_budget') return waitingForApi(c, (error as UpstreamCallError).retryAfterMs);
  if (reason === 'timeout') {
    return consoleError(c, 504, 'server_error', 'upstream_timeout', 'The Aurous API did not answer in time. Try again in a moment.');
  }
  if (reason === 'too_large') return upstreamInvalid(c, 'its answer was too large');
  return consoleError(c, 502, 'server_error', 'upstream_unreachable', 'The Aurous API could not be reached. Try again in a moment.');
}

/**
 * The team's rate budget would keep this call waiting longer than a person should wait unannounced:
 * the console's own 429 (the API was not asked), with Retry-After, so the browser can say
 * "Waiting for the API (N s)" and send it again then.
 */
export function waitingForApi(c: Context, waitMs: number) {
  const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
  c.header('Retry-After', String(retryAfterS));
  return consoleError(
    c,
    429,
    'rate_limit',
    'waiting_for_api',
    `The team's API rate budget is in use: this request would wait ${retryAfterS} s. Retry after ${retryAfterS} s.`,
  );
}

/** 502 `upstream_invalid`, logged as one line (never a stack: the upstream is misbehaving, not us). */
export function upstreamInvalid(c: Context, what: string) {
  console.warn(`[console] upstream_invalid: ${c.req.method} ${new URL(c.req.url).pathname} — ${what}`);
  return consoleError(
    c,
    502,
    'server_error',
    'upstream_invalid',
    'The Aurous API sent an answer the console cannot read. Try again in a moment.',
  );
}

/** The answer's body as a JSON object, or null when it is anything else. */
export function jsonObjectOf(answer: UpstreamAnswer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(answer.body).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks an answer is one the browser can read: a success must be a JSON object, an error the
 * API's envelope. Returns the parsed object, or the envelope Response to send instead.
 */
export function checkAnswer(c: Context, answer: UpstreamAnswer): { json: Record<string, unknown> | null } | { refused: Response } {
  const { status } = answer;
  if (c.req.method === 'HEAD' || status === 204 || status === 304) return { json: null };
  const json = jsonObjectOf(answer);
  const contentType = answer.headers.get('content-type') ?? 'no content type';
  if (status >= 200 && status < 300) {
    return json ? { json } : { refused: upstreamInvalid(c, `HTTP ${status} with ${contentType}, not a JSON object`) };
  }
  if (json && isApiErrorBody(json)) return { json };
  // An error without the envelope (a proxy's HTML 503, say): keep its status, give the envelope.
  if (status < 400 || status > 599) return { refused: upstreamInvalid(c, `HTTP ${status} with ${contentType}`) };
  console.warn(`[console] upstream_invalid: ${c.req.method} ${new URL(c.req.url).pathname} — HTTP ${status} without the error envelope`);
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter) c.header('Retry-After', retryAfter);
  return {
    refused: consoleError(
      c,
      status as ContentfulStatusCode,
      status >= 500 ? 'server_error' : 'invalid_request',
      'upstream_invalid',
      `The Aurous API answered HTTP ${status} without an error description.`,
    ),
  };
}
