/**
 * A create-mode session sees only the characters it created, without the server keeping a list:
 * the create body it sends gets a `client_reference_id` bound to the session's origin and
 * subject (`embedScope` in scope/scope.ts), and a character it reads must carry that same reference, or it is
 * answered exactly like a character that does not exist.
 */
import type { Context, Next } from 'hono';
import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, Character } from '../contract/aurous';
import type { EndpointMatch } from '../contract/endpoints';
import { consoleError } from './console-error';
import { MAX_JSON_BODY_BYTES, declaredLength, readLimited } from './limits';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 404 in the API's own words, whether the character is missing or someone else's: it keeps the
 * upstream answer's headers and request id (rate-limit headers, version), so nothing in it tells
 * "exists, not yours" from "does not exist".
 */
export function noSuchCharacter(upstream: Response, id: string): Response {
  const headers = new Headers(upstream.headers);
  const requestId = headers.get('aurous-request-id') ?? `req_console_${randomUUID()}`;
  const body: ApiErrorBody = {
    error: {
      type: 'not_found',
      code: 'resource_not_found',
      message: `No such character: ${id}.`,
      param: 'character_id',
      doc_url: 'https://docs.aurous-labs.com/errors#resource_not_found',
      request_id: requestId,
    },
  };
  headers.set('Content-Type', 'application/json');
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: 404, headers });
}

/** Stamps the create body with the session's reference, then lets the proxy send it. */
async function stampCreate(c: Context, next: Next, reference: string) {
  const tooLarge = () => consoleError(c, 413, 'invalid_request', 'body_too_large', 'The request body is over 1 MB.');
  const declared = declaredLength(c.req.header('content-length'));
  if (declared !== null && !(declared <= MAX_JSON_BODY_BYTES)) return tooLarge();
  const bytes = await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES);
  if (!bytes) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = null;
  }
  if (!isRecord(body)) return consoleError(c, 400, 'invalid_request', 'invalid_format', 'The body must be a JSON object.');
  if (body.client_reference_id !== undefined) {
    return consoleError(
      c,
      400,
      'invalid_request',
      'invalid_format',
      'An embedded session cannot set client_reference_id: the console sets it to tie the character to the session.',
      'client_reference_id',
    );
  }
  const headers = new Headers(c.req.raw.headers);
  headers.delete('content-length');
  c.req.raw = new Request(c.req.raw.url, {
    method: c.req.method,
    headers,
    body: JSON.stringify({ ...body, client_reference_id: reference }),
  });
  await next();
}

/** Passes the character on only if this session's reference is on it. */
async function hideOthers(c: Context, next: Next, reference: string, id: string) {
  await next();
  if (c.res.status !== 200) return;
  const character = (await c.res
    .clone()
    .json()
    .catch(() => null)) as Partial<Character> | null;
  if (character?.client_reference_id === reference) return;
  const hidden = noSuchCharacter(c.res, id);
  // Drop the upstream answer first: assigning over it would merge its headers into ours.
  c.res = undefined;
  c.res = hidden;
}

/** For an unbound create-mode session: stamp what it creates, hide what it did not. */
export async function guardCreateSession(c: Context, next: Next, match: EndpointMatch, reference: string) {
  if (match.name === 'createCharacter') return stampCreate(c, next, reference);
  if (match.name === 'getCharacter' && match.id) return hideOthers(c, next, reference, match.id);
  return next();
}
