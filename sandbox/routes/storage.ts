/**
 * The storage host: the signed upload PUT and the token-signed ref GETs. No API key, no CORS
 * headers and no OPTIONS handling, like the real upload host.
 */
import { Hono } from 'hono';
import type { Sandbox } from '../context';
import { readCapped } from '../middleware/body-limit';
import { ApiError, invalid, notFound } from '../http/errors';
import { renderFigure } from '../domain/figure-svg';
import { putFault, resetConnection, type StorageEnv } from '../faults/storage-faults';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const forbidden = (message: string) => new ApiError(403, 'authentication', 'signature_invalid', message);
const urlExpired = () => forbidden('The upload URL has expired; mint a new one with /uploads/init.');

export function storageRoutes(sandbox: Sandbox): Hono<StorageEnv> {
  const routes = new Hono<StorageEnv>();

  routes.put('/uploads/:id', async (c) => {
    const id = c.req.param('id');
    const expires = c.req.query('expires') ?? '';
    const upload = sandbox.state.uploads.get(id);
    if (!upload || !sandbox.signer.verify(c.req.query('signature'), 'upload', id, expires)) {
      throw forbidden('The upload signature is missing or invalid.');
    }
    if (sandbox.clock.now() >= Number(expires)) throw urlExpired();
    if (upload.consumed) throw forbidden('This upload was already consumed by a character.');
    const fault = putFault(sandbox);
    if (fault === 'expired') throw urlExpired();
    if (fault === 'reset') return resetConnection(c);
    // Read chunk by chunk so a chunked body without Content-Length stops at the cap.
    const declared = Number(c.req.header('Content-Length') ?? '0');
    const bytes = declared > MAX_UPLOAD_BYTES ? null : await readCapped(c.req.raw, MAX_UPLOAD_BYTES);
    if (!bytes) {
      // The unread rest of the body makes the connection unusable for another request.
      c.header('Connection', 'close');
      throw new ApiError(413, 'invalid_request', 'file_too_large', 'The file exceeds 100 MB.');
    }
    if (bytes.byteLength === 0) throw invalid('invalid_format', 'The request body is empty; PUT the file bytes.');
    upload.bytes = bytes;
    upload.classification = null;
    return c.body(null, 200);
  });

  routes.get('/refs/:id', (c) => {
    const id = c.req.param('id');
    const expires = c.req.query('expires') ?? '';
    const valid = sandbox.signer.verify(c.req.query('token'), 'ref', id, expires);
    if (!valid || sandbox.clock.now() >= Number(expires)) {
      throw forbidden('The ref URL token is missing, invalid or expired.');
    }
    // A validly signed ref that is gone was discarded by a hard delete.
    const ref = sandbox.state.refs.get(id);
    if (!ref) throw notFound(`No such ref: ${id}.`);
    const headers = { 'Cache-Control': 'private, max-age=3600' };
    if (ref.kind === 'upload') {
      return c.body(ref.bytes.slice().buffer, 200, { ...headers, 'Content-Type': ref.contentType });
    }
    const svg = renderFigure({ pose: ref.pose, attributes: ref.attributes, variant: ref.variant });
    return c.body(svg, 200, { ...headers, 'Content-Type': 'image/svg+xml' });
  });

  return routes;
}
