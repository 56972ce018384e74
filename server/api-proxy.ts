/**
 * `/api/v1/*` → upstream `/v1/*`. Adds the API key (which never travels to the browser), forwards
 * only the request headers the API contract names, and passes back only the response headers the
 * console reads. Init answers get their upload_url swapped for a same-origin ticket URL. Upstream
 * redirects are never followed (the key would go with them).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PASSTHROUGH_REQUEST_HEADERS, PASSTHROUGH_RESPONSE_HEADERS, type UploadInitResponse } from '../contract/aurous';
import { consoleError } from './console-error';
import { BodyTimeoutError, DEFAULT_TIMEOUTS, MAX_JSON_BODY_BYTES, declaredLength, readLimited, type ConsoleTimeouts } from './limits';
import { characterNameRefusal } from './name-check';
import { API_METHODS, checkAnswer, upstreamCallFailed, upstreamInvalid, methodNotAllowed } from './upstream-answer';
import { signTicket } from './upload-ticket';
import { callUpstream, type UpstreamAnswer, type Upstream } from './upstream';

/** A ticket outlives its upload URL by a minute; the upstream stays the judge of expiry. */
const TICKET_GRACE_MS = 60_000;
const INIT_PATH = '/v1/characters/uploads/init';

export function proxyHeaders(from: Headers, names: readonly string[]): Headers {
  const out = new Headers();
  for (const name of names) {
    const value = from.get(name);
    if (value !== null) out.set(name, value);
  }
  return out;
}

/** 3xx other than 304 (which answers a conditional request and moves nothing). */
const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;

const isApiMethod = (method: string): boolean => (API_METHODS as readonly string[]).includes(method);

export function createApiProxy(upstream: Upstream, ticketSecret: Buffer, timeouts: ConsoleTimeouts = DEFAULT_TIMEOUTS) {
  return async (c: Context) => {
    if (!isApiMethod(c.req.method)) return methodNotAllowed(c);
    const incoming = new URL(c.req.url);
    const path = incoming.pathname.replace(/^\/api/, '');
    const target = `${upstream.baseUrl(incoming.origin)}${path}${incoming.search}`;
    const headers = proxyHeaders(c.req.raw.headers, PASSTHROUGH_REQUEST_HEADERS);
    headers.set('X-Api-Key', upstream.apiKey);
    headers.set('Accept', 'application/json');

    let body: Uint8Array<ArrayBuffer> | undefined;
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const tooLarge = () => consoleError(c, 413, 'invalid_request', 'body_too_large', 'The request body is over 1 MB.');
      // Refuse a declared length up front, and stop reading a chunked body once it passes the limit.
      const declared = declaredLength(c.req.header('content-length'));
      if (declared !== null && !(declared <= MAX_JSON_BODY_BYTES)) return tooLarge();
      let read: Uint8Array<ArrayBuffer> | null;
      try {
        read = await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES, timeouts.bodyMs);
      } catch (error) {
        if (!(error instanceof BodyTimeoutError)) throw error;
        c.header('Connection', 'close');
        return consoleError(
          c,
          408,
          'invalid_request',
          'request_timeout',
          `The request body did not arrive within ${timeouts.bodyMs / 1000} s.`,
        );
      }
      if (!read) return tooLarge();
      body = read;
      const refusal = characterNameRefusal(c.req.method, path, body);
      if (refusal) return consoleError(c, 400, 'invalid_request', 'invalid_format', refusal, 'name');
    }

    let answer: UpstreamAnswer;
    try {
      // Never follow a redirect: it would carry X-Api-Key to wherever the Location points.
      answer = await callUpstream(
        upstream,
        new Request(target, { method: c.req.method, headers, body, redirect: 'manual' }),
        timeouts.upstreamMs,
      );
    } catch (error) {
      return upstreamCallFailed(c, error);
    }
    if (isRedirect(answer.status)) {
      return consoleError(
        c,
        502,
        'server_error',
        'upstream_redirect',
        'The Aurous API answered with a redirect, which the console does not follow. Check AUROUS_API_BASE.',
      );
    }
    const checked = checkAnswer(c, answer);
    if ('refused' in checked) return checked.refused;

    const outHeaders = proxyHeaders(answer.headers, PASSTHROUGH_RESPONSE_HEADERS);
    outHeaders.set('Cache-Control', 'no-store');
    if (path === INIT_PATH && answer.status >= 200 && answer.status < 300) {
      const init = initAnswerOf(checked.json);
      if (!init) return upstreamInvalid(c, 'an upload init answer without an http(s) upload_url');
      const expiresAt = Date.parse(init.expires_at);
      const ticket = signTicket(ticketSecret, init.upload_url, (Number.isFinite(expiresAt) ? expiresAt : Date.now()) + TICKET_GRACE_MS);
      // Relative, so it is right whatever scheme and name the browser used (a TLS proxy, a forged Host).
      const rewritten: UploadInitResponse = { ...init, upload_url: `/api/uploads/${ticket}` };
      return c.json(rewritten, answer.status as ContentfulStatusCode, Object.fromEntries(outHeaders));
    }
    const bodyOut = c.req.method === 'HEAD' || answer.status === 204 || answer.status === 304 ? null : answer.body;
    return new Response(bodyOut, { status: answer.status, headers: outHeaders });
  };
}

/** An init answer the ticket can wrap: its upload_url must be an absolute http(s) URL. */
function initAnswerOf(json: Record<string, unknown> | null): UploadInitResponse | null {
  const url = json?.upload_url;
  if (!json || typeof url !== 'string' || typeof json.upload_id !== 'string') return null;
  try {
    const { protocol } = new URL(url);
    if (protocol !== 'https:' && protocol !== 'http:') return null;
  } catch {
    return null;
  }
  return json as unknown as UploadInitResponse;
}
