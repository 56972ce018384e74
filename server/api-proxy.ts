/**
 * `/api/v1/*` → upstream `/v1/*`. Adds the API key (which never travels to the browser), forwards
 * only the request headers the API contract names, and passes back only the response headers the
 * console reads. Init answers get their upload_url swapped for a same-origin ticket URL. Upstream
 * redirects are never followed (the key would go with them).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  PASSTHROUGH_REQUEST_HEADERS,
  PASSTHROUGH_RESPONSE_HEADERS,
  type UploadInitResponse,
} from '../contract/aurous';
import { consoleError } from './console-error';
import { MAX_JSON_BODY_BYTES, declaredLength, readLimited } from './limits';
import { signTicket } from './upload-ticket';
import type { Upstream } from './upstream';

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
const isRedirect = (response: Response) => response.status >= 300 && response.status < 400 && response.status !== 304;

export function createApiProxy(upstream: Upstream, ticketSecret: Buffer) {
  return async (c: Context) => {
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
      const read = await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES);
      if (!read) return tooLarge();
      body = read;
    }

    let response: Response;
    try {
      // Never follow a redirect: it would carry X-Api-Key to wherever the Location points.
      response = await upstream.fetch(new Request(target, { method: c.req.method, headers, body, redirect: 'manual' }));
    } catch {
      return consoleError(c, 502, 'server_error', 'upstream_unreachable', 'The Aurous API could not be reached. Try again in a moment.');
    }
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => undefined);
      return consoleError(c, 502, 'server_error', 'upstream_redirect', 'The Aurous API answered with a redirect, which the console does not follow. Check AUROUS_API_BASE.');
    }

    const outHeaders = proxyHeaders(response.headers, PASSTHROUGH_RESPONSE_HEADERS);
    outHeaders.set('Cache-Control', 'no-store');
    if (path === INIT_PATH && response.ok) {
      const init = (await response.json()) as UploadInitResponse;
      const expiresAt = Date.parse(init.expires_at);
      const ticket = signTicket(ticketSecret, init.upload_url, (Number.isFinite(expiresAt) ? expiresAt : Date.now()) + TICKET_GRACE_MS);
      // Relative, so it is right whatever scheme and name the browser used (a TLS proxy, a forged Host).
      const rewritten: UploadInitResponse = { ...init, upload_url: `/api/uploads/${ticket}` };
      return c.json(rewritten, response.status as ContentfulStatusCode, Object.fromEntries(outHeaders));
    }
    return new Response(response.body, { status: response.status, headers: outHeaders });
  };
}
