/** POST /v1/characters/uploads/init and /v1/characters/uploads/classify. */
import { Hono } from 'hono';
import {
  classifyBody,
  CONTENT_TYPE_BY_EXTENSION,
  UPLOAD_TICKET_TTL_MS,
  UPLOAD_URL_TTL_MS,
  uploadInitBody,
  type ClassifyResponse,
  type UploadInitResponse,
} from '../../contract/aurous';
import { classify } from '../domain/pose-classifier';
import type { Sandbox, SandboxEnv } from '../context';
import { invalid } from '../http/errors';
import { newId } from '../domain/ids';
import type { Upload } from '../domain/state';
import { usableUpload } from '../domain/upload-lookup';
import { parseBody } from '../http/validate';

export function uploadRoutes(sandbox: Sandbox): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/init', async (c) => {
    const body = await parseBody(c, uploadInitBody);
    const expected = CONTENT_TYPE_BY_EXTENSION[body.extension];
    if (expected !== body.content_type) {
      throw invalid(
        'invalid_format',
        `content_type ${body.content_type} does not match extension ${body.extension} (expected ${expected}).`,
        'content_type',
      );
    }
    const now = sandbox.clock.now();
    const upload: Upload = {
      id: newId('upl'),
      teamId: c.get('team').id,
      filename: body.filename,
      extension: body.extension,
      contentType: body.content_type,
      createdAt: now,
      urlExpiresAt: now + UPLOAD_URL_TTL_MS,
      ticketExpiresAt: now + UPLOAD_TICKET_TTL_MS,
      bytes: null,
      consumed: false,
      classification: null,
    };
    sandbox.state.uploads.set(upload.id, upload);
    const expires = String(upload.urlExpiresAt);
    const signature = sandbox.signer.sign('upload', upload.id, expires);
    const origin = new URL(c.req.url).origin;
    const response: UploadInitResponse = {
      upload_id: upload.id,
      upload_url: `${origin}/storage/uploads/${upload.id}?expires=${expires}&signature=${signature}`,
      upload_headers: { 'Content-Type': upload.contentType },
      expires_at: sandbox.clock.iso(upload.urlExpiresAt),
    };
    return c.json(response, 200);
  });

  routes.post('/classify', async (c) => {
    const body = await parseBody(c, classifyBody);
    const upload = usableUpload(sandbox, c.get('team').id, body.upload_id, 'upload_id');
    const bytes = upload.bytes ?? new Uint8Array();
    upload.classification = classify(upload.filename, bytes);
    const response: ClassifyResponse = { upload_id: upload.id, ...upload.classification };
    return c.json(response, 200);
  });

  return routes;
}
