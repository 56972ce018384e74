/**
 * Hash the bytes (to catch duplicates), check what the first bytes say the file is, and decode a
 * small thumbnail. Runs in the thumbnail worker; on the main thread only if the worker cannot start.
 */
import type { UploadContentType } from '../../../contract/constants';
import { sniffImageType } from './file-rules';

export interface PrepareRequest {
  id: string;
  file: File;
}

export type PrepareResult =
  | { id: string; ok: true; hash: string; sniffed: UploadContentType | null; thumbnail: Blob | null; decodable: boolean }
  | { id: string; ok: false; message: string };

const THUMBNAIL_WIDTH = 320;

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function prepare({ id, file }: PrepareRequest): Promise<PrepareResult> {
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
