/**
 * What happens to a file before it is uploaded, in two steps so the upload need not wait for the
 * thumbnail: first inspect (convert a HEIC photo, sniff the real type from the first bytes, hash
 * the bytes to catch duplicates), then decode a small thumbnail. Runs in the thumbnail workers; on
 * the main thread only if a worker cannot start.
 */
import type { UploadContentType } from '../../../contract/constants';
import { sniffImageType } from './file-rules';

export interface PrepareRequest {
  id: string;
  file: File;
  /** Convert a HEIC/HEIF photo to JPEG first (the converter loads only when needed). */
  convertHeic: boolean;
}

export type InspectResult =
  | {
      id: string;
      step: 'inspected';
      ok: true;
      hash: string;
      sniffed: UploadContentType | null;
      /** The JPEG made from a HEIC photo, to upload in its place. */
      converted: Blob | null;
    }
  /** Why inspection failed; the main thread words it (messages.ts), the worker only says which. */
  | { id: string; step: 'inspected'; ok: false; reason: 'heic-conversion' | 'unreadable' };

export interface ThumbnailResult {
  id: string;
  step: 'thumbnail';
  thumbnail: Blob | null;
  decodable: boolean;
}

export type PrepareMessage = InspectResult | ThumbnailResult;

const THUMBNAIL_WIDTH = 320;

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function heicToJpeg(file: Blob): Promise<Blob> {
  const { heicTo } = await import('heic-to/csp');
  // heic-to's own JPEG output draws on a DOM canvas, which a worker lacks: decode to a bitmap
  // and encode the JPEG on an OffscreenCanvas instead.
  const bitmap = await heicTo({ blob: file, type: 'bitmap' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

export async function inspect({ id, file, convertHeic }: PrepareRequest): Promise<{ result: InspectResult; file: Blob }> {
  let converted: Blob | null = null;
  if (convertHeic) {
    try {
      converted = await heicToJpeg(file);
    } catch {
      return {
        result: { id, step: 'inspected', ok: false, reason: 'heic-conversion' },
        file,
      };
    }
  }
  const bytesOf = converted ?? file;
  const bytes = await bytesOf.arrayBuffer();
  const sniffed = sniffImageType(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  const hash = toHex(await crypto.subtle.digest('SHA-256', bytes));
  return { result: { id, step: 'inspected', ok: true, hash, sniffed, converted }, file: bytesOf };
}

export async function thumbnailOf(id: string, file: Blob): Promise<ThumbnailResult> {
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: THUMBNAIL_WIDTH, resizeQuality: 'medium' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    return { id, step: 'thumbnail', thumbnail: await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 }), decodable: true };
  } catch {
    return { id, step: 'thumbnail', thumbnail: null, decodable: false };
  }
}

/** Both steps, reporting each as soon as it is done. */
export async function prepare(request: PrepareRequest, report: (message: PrepareMessage) => void): Promise<void> {
  const { result, file } = await inspect(request);
  report(result);
  if (!result.ok) return;
  report(result.sniffed ? await thumbnailOf(request.id, file) : { id: request.id, step: 'thumbnail', thumbnail: null, decodable: false });
}
