/**
 * Size limits and upload origins, read once at startup. Bad values stop the server rather than
 * silently running without a limit.
 */
import { normalizeOrigin } from '../contract/embed';

/** The browser caps files at 10 MB itself; the bench proxies 64 MB files, so 64 MiB exactly. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** JSON bodies to /api/*. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function maxUploadBytesFromEnv(value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  const bytes = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`CONSOLE_MAX_UPLOAD_BYTES must be a positive whole number of bytes, not "${raw}".`);
  }
  return bytes;
}

/** `AUROUS_UPLOAD_ORIGINS`: comma-separated origins the upload relay may PUT to; empty = any the API signed. */
export function uploadOriginsFromEnv(value: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const origin = normalizeOrigin(trimmed);
    if (!origin) throw new Error(`AUROUS_UPLOAD_ORIGINS: "${trimmed}" is not an origin like https://uploads.example.`);
    origins.push(origin);
  }
  return origins;
}

/** Declared Content-Length: a number, null when absent, NaN when it is not a valid length. */
export function declaredLength(header: string | undefined): number | null {
  if (header === undefined) return null;
  return /^\s*\d+\s*$/.test(header) ? Number(header) : Number.NaN;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Body over ${limit} bytes.`);
  }
}

/** Passes bytes through and errors the stream once more than `limit` have gone by. Never buffers. */
export function byteLimit(limit: number): { stream: TransformStream<Uint8Array, Uint8Array>; exceeded: () => boolean } {
  let seen = 0;
  let over = false;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) {
        over = true;
        controller.error(new BodyTooLargeError(limit));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return { stream, exceeded: () => over };
}

/** Reads a whole body, but gives up (and cancels the stream) as soon as it passes `limit`. */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
