/** Request bodies read with a size cap: the stream is read chunk by chunk and abandoned past it. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../http/errors';

/** Largest JSON body /v1 accepts. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** How long the rest of a refused body is read and dropped, so the refusal reaches the client first. */
const DISCARD_MS = 5_000;

/**
 * Past the cap the rest is read and dropped for a while rather than refused at once: cancelling
 * the stream destroys the socket, and a client still sending would get EPIPE instead of the 413
 * (real storage hosts answer first, then close the connection).
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const until = Date.now() + DISCARD_MS;
  try {
    while (Date.now() < until) if ((await reader.read()).done) return;
  } catch {
    return;
  }
  await reader.cancel().catch(() => undefined);
}

/** The body's bytes, or `null` as soon as more than `max` bytes have arrived (the rest is dropped as it comes). */
export async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void discardRest(reader);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Middleware: a /v1 body over MAX_JSON_BYTES is a 413 envelope before anything reads it. */
export const jsonBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: (c) => {
    // The unread rest of the body makes the connection unusable for another request.
    c.header('Connection', 'close');
    throw new ApiError(413, 'invalid_request', 'invalid_format', `The request body exceeds ${MAX_JSON_BYTES} bytes.`);
  },
});
