/**
 * `PUT /api/uploads/<ticket>`: streams the browser's bytes to the signed upload URL the ticket
 * names. The Aurous upload host sends no CORS headers, so the browser cannot PUT there itself.
 * The body is piped, never buffered: memory stays flat whatever the file size.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { consoleError } from './console-error';
import { verifyTicket } from './upload-ticket';
import type { Upstream } from './upstream';

export function createUploadRelay(upstream: Upstream, ticketSecret: Buffer) {
  return async (c: Context) => {
    const check = verifyTicket(ticketSecret, c.req.param('ticket') ?? '', Date.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? consoleError(c, 403, 'invalid_request', 'upload_url_expired', 'This upload link has expired. Start the upload again.')
        : consoleError(c, 403, 'invalid_request', 'upload_ticket_invalid', 'This upload link is not valid.');
    }
    const headers = new Headers();
    const contentType = c.req.header('content-type');
    const contentLength = c.req.header('content-length');
    if (contentType) headers.set('Content-Type', contentType);
    if (contentLength) headers.set('Content-Length', contentLength);

    let response: Response;
    try {
      response = await upstream.fetch(
        new Request(check.url, { method: 'PUT', headers, body: c.req.raw.body, duplex: 'half' } as RequestInit),
      );
    } catch {
      return consoleError(c, 502, 'server_error', 'upload_upstream_failed', 'The upload could not reach storage. It will be retried.');
    }
    // Drain the storage host's answer (its format is its own) and answer in the API's terms.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return c.json({ ok: true }, 200);
    if (response.status === 403) {
      return consoleError(c, 403, 'invalid_request', 'upload_url_expired', 'Storage refused the upload: its signed link expired or was invalid.');
    }
    return consoleError(
      c,
      response.status as ContentfulStatusCode,
      response.status >= 500 ? 'server_error' : 'invalid_request',
      'upload_rejected',
      `Storage refused the upload (HTTP ${response.status}).`,
    );
  };
}
