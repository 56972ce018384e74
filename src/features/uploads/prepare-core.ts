/**
 * Hash the bytes (to catch duplicates), check what the first bytes say the file is, and decode a
 * small thumbnail. Runs in the thumbnail worker; on the main thread only if the worker cannot start.
 */
import type { UploadContentType } from '../../../contract/constants';
import { sniffImageType } from './file-rules';

export interface PrepareRequest {
  id: string;
  file: File;
  /** Convert a HEIC/HEIF photo to JPEG first (the converter loads only when needed). */
  convertHeic: boolean;
}

export type PrepareResult =
  | {
      id: string;
      ok: true;
      hash: string;
      sniffed: UploadContentType | null;
      thumbnail: Blob | null;
      decodable: boolean;
      /** The JPEG made from a HEIC photo, to upload in its place. */
      converted: Blob | null;
    }
  | { id: string; ok: false; message: string };

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

const THUMBNAIL_WIDTH = 320;

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function prepare({ id, file: original, convertHeic }: PrepareRequest): Promise<PrepareResult> {
  let converted: Blob | null = null;
  if (convertHeic) {
    try {
      converted = await heicToJpeg(original);
    } catch {
      return { id, ok: false, message: 'is a HEIC photo that could not be converted to JPEG. Export it as JPEG and add it again.' };
    }
  }
  const file = converted ?? original;
  const bytes = await file.arrayBuffer();
  const sniffed = sniffImageType(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  const hash = toHex(await crypto.subtle.digest('SHA-256', bytes));
  if (!sniffed) return { id, ok: true, hash, sniffed, thumbnail: null, decodable: false, converted };
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: THUMBNAIL_WIDTH, resizeQuality: 'medium' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    const thumbnail = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    return { id, ok: true, hash, sniffed, thumbnail, decodable: true, converted };
  } catch {
    return { id, ok: true, hash, sniffed, thumbnail: null, decodable: false, converted };
  }
}
