/**
 * `PUT /api/uploads/<ticket>`: streams the browser's bytes to the signed upload URL the ticket
 * names. The Aurous upload host sends no CORS headers, so the browser cannot PUT there itself.
 * The body is piped, never buffered: memory stays flat whatever the file size.
 *
 * Not an open proxy: the ticket must carry our HMAC and be unexpired, its URL must be on an
 * allowed upload origin, and the body may not pass the size limit.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpBindings } from '@hono/node-server';
import { consoleError } from './console-error';
import { nodePut } from './node-put';
import { byteLimit, declaredLength } from './limits';
import { verifyTicket } from './upload-ticket';
import type { Upstream } from './upstream';

export interface UploadRelayOptions {
  /** Largest body relayed, in bytes (equality allowed). */
  maxBytes: number;
  /**
   * Origins a ticket's URL may point at. Empty: any origin the API signed (a real API's upload
   * host is not known in advance). The embedded sandbox always stores on the request's own origin.
   */
  allowedOrigins: readonly string[];
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function createUploadRelay(upstream: Upstream, ticketSecret: Buffer, { maxBytes, allowedOrigins }: UploadRelayOptions) {
  return async (c: Context) => {
    const invalid = () => consoleError(c, 403, 'invalid_request', 'upload_ticket_invalid', 'This upload link is not valid.');
    const check = verifyTicket(ticketSecret, c.req.param('ticket') ?? '', Date.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? consoleError(c, 403, 'invalid_request', 'upload_url_expired', 'This upload link has expired. Start the upload again.')
        : invalid();
    }
    const target = originOf(check.url);
    const allowed = upstream.kind === 'sandbox' ? [new URL(c.req.url).origin, ...allowedOrigins] : allowedOrigins;
    if (!target || (allowed.length > 0 && !allowed.includes(target))) return invalid();

    const tooLarge = () =>
      consoleError(c, 413, 'invalid_request', 'file_too_large', `The file is over the ${maxBytes}-byte upload limit.`);
    const contentLength = c.req.header('content-length');
    const declared = declaredLength(contentLength);
    if (declared !== null && !(declared <= maxBytes)) return tooLarge();

    const headers = new Headers();
    const contentType = c.req.header('content-type');
    if (contentType) headers.set('Content-Type', contentType);
    if (contentLength) headers.set('Content-Length', contentLength);

    let status: number;
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (upstream.kind === 'aurous' && incoming) {
      // A real storage host over HTTP: pipe the Node request with backpressure.
      try {
        const result = await nodePut(check.url, incoming, Object.fromEntries(headers), maxBytes);
        if (result.tooLarge) return tooLarge();
        status = result.status;
      } catch {
        return consoleError(c, 502, 'server_error', 'upload_upstream_failed', 'The upload could not reach storage. It will be retried.');
      }
    } else {
      // The embedded sandbox (in process), or no Node request to hand: web streams. A chunked body
      // has no declared length, so it is counted on the way through and cut off past the limit.
      const limit = byteLimit(maxBytes);
      const body = c.req.raw.body?.pipeThrough(limit.stream) ?? null;
      let response: Response;
      try {
        response = await upstream.fetch(new Request(check.url, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit));
      } catch {
        if (limit.exceeded()) return tooLarge();
        return consoleError(c, 502, 'server_error', 'upload_upstream_failed', 'The upload could not reach storage. It will be retried.');
      }
      // Drain the storage host's answer (its format is its own) and answer in the API's terms.
      await response.arrayBuffer().catch(() => undefined);
      if (limit.exceeded()) return tooLarge();
      status = response.status;
    }
    if (status >= 200 && status < 300) return c.json({ ok: true }, 200);
    if (status === 403) {
      return consoleError(c, 403, 'invalid_request', 'upload_url_expired', 'Storage refused the upload: its signed link expired or was invalid.');
    }
    return consoleError(
      c,
      status as ContentfulStatusCode,
      status >= 500 ? 'server_error' : 'invalid_request',
      'upload_rejected',
      `Storage refused the upload (HTTP ${status}).`,
    );
  };
}
