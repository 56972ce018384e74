/// <reference lib="webworker" />
/**
 * Off the main thread: hash the bytes (to catch duplicates), check what the first bytes say the
 * file is, and decode a small thumbnail. A 24-megapixel JPEG never touches the UI thread.
 */
import { sniffImageType } from './file-rules';
import type { PrepareRequest, PrepareResult } from './prepare-file';

const THUMBNAIL_WIDTH = 320;

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function prepare({ id, file }: PrepareRequest): Promise<PrepareResult> {
  const bytes = await file.arrayBuffer();
  const sniffed = sniffImageType(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  const hash = toHex(await crypto.subtle.digest('SHA-256', bytes));
  if (!sniffed) return { id, ok: true, hash, sniffed, thumbnail: null, decodable: false };
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: THUMBNAIL_WIDTH, resizeQuality: 'medium' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    const thumbnail = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    return { id, ok: true, hash, sniffed, thumbnail, decodable: true };
  } catch {
    return { id, ok: true, hash, sniffed, thumbnail: null, decodable: false };
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<PrepareRequest>) => {
  prepare(event.data).then(
    (result) => scope.postMessage(result),
    (error: unknown) => scope.postMessage({ id: event.data.id, ok: false, message: String(error) } satisfies PrepareResult),
  );
};
