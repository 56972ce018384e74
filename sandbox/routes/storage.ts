/**
 * The storage host: the signed upload PUT and the token-signed ref GETs. No API key, no CORS
 * headers and no OPTIONS handling, like the real upload host.
 */
import { Hono } from 'hono';
import type { Sandbox } from '../context';
import { ApiError } from '../errors';
import { renderFigure } from '../figure-svg';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const forbidden = (message: string) => new ApiError(403, 'authentication', 'signature_invalid', message);

export function storageRoutes(sandbox: Sandbox): Hono {
  const routes = new Hono();

  routes.put('/uploads/:id', async (c) => {
    const id = c.req.param('id');
    const expires = c.req.query('expires') ?? '';
    const upload = sandbox.state.uploads.get(id);
    if (!upload || !sandbox.signer.verify(c.req.query('signature'), 'upload', id, expires)) {
      throw forbidden('The upload signature is missing or invalid.');
    }
    if (sandbox.clock.now() >= Number(expires)) throw forbidden('The upload URL has expired; mint a new one with /uploads/init.');
    if (upload.consumed) throw forbidden('This upload was already consumed by a character.');
    const declared = Number(c.req.header('Content-Length') ?? '0');
    if (declared > MAX_UPLOAD_BYTES) throw new ApiError(413, 'invalid_request', 'file_too_large', 'The file exceeds 100 MB.');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError(413, 'invalid_request', 'file_too_large', 'The file exceeds 100 MB.');
    upload.bytes = bytes;
    upload.classification = null;
    return c.body(null, 200);
  });

  routes.get('/refs/:id', (c) => {
    const id = c.req.param('id');
    const expires = c.req.query('expires') ?? '';
    const ref = sandbox.state.refs.get(id);
    const valid = sandbox.signer.verify(c.req.query('token'), 'ref', id, expires);
    if (!ref || !valid || sandbox.clock.now() >= Number(expires)) {
      throw forbidden('The ref URL token is missing, invalid or expired.');
    }
    const headers = { 'Cache-Control': 'private, max-age=3600' };
    if (ref.kind === 'upload') {
      return c.body(ref.bytes.slice().buffer, 200, { ...headers, 'Content-Type': ref.contentType });
    }
    const svg = renderFigure({ pose: ref.pose, attributes: ref.attributes, variant: ref.variant });
    return c.body(svg, 200, { ...headers, 'Content-Type': 'image/svg+xml' });
  });

  return routes;
}
