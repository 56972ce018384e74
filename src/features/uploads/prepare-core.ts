/**
 * What happens to a file before it is uploaded, in two steps so the upload need not wait for the
 * thumbnail: first inspect (hash the bytes as chosen to catch duplicates, sniff the real type,
 * then — only where needed — convert a HEIC photo, turn a sideways phone photo upright, shrink a
 * photo over the API's limits), then a small thumbnail. Runs in the thumbnail workers; on the main
 * thread only if a worker cannot start.
 *
 * Each worker takes its files one at a time, every waiting inspection before any thumbnail
 * (createPrepareQueue): six 24-megapixel photos decoded at once kept both cores busy for two
 * seconds and made the first file wait for the last, while the page's own thread waited for a
 * core. A photo that had to be decoded anyway (converted, turned, shrunk) gets its thumbnail from
 * that decoded image, not from a second decode of what was encoded.
 */
import type { UploadContentType } from '../../../contract/constants';
import { MAX_FILE_BYTES, MAX_SIDE_PX, sniffImageType } from './file-rules';
import { fitWithin, readImageHeader } from './image-header';

export interface PrepareRequest {
  id: string;
  file: File;
  /** Convert a HEIC/HEIF photo to JPEG first (the converter loads only when needed). */
  convertHeic: boolean;
}

/** What the browser did to a photo before sending it; its row says so. */
export interface Adjustments {
  /** A HEIC photo, sent as the JPEG made from it. */
  converted?: boolean;
  /** Turned upright, as its EXIF orientation says it is shown. */
  rotated?: boolean;
  /** Made smaller to fit the limits: the pixel sizes before and after (the same when only the bytes had to shrink). */
  shrunk?: { from: [number, number]; to: [number, number] };
}

export type InspectResult =
  | {
      id: string;
      step: 'inspected';
      ok: true;
      /** Of the bytes as chosen, so the same photo dropped twice is caught whatever is done to it. */
      hash: string;
      sniffed: UploadContentType | null;
      /** The image to upload in the file's place (converted, turned or shrunk), or null to send the file as it is. */
      converted: Blob | null;
      adjustments: Adjustments;
    }
  /** Why inspection failed; the main thread words it (messages.ts), the worker only says which. */
  | { id: string; step: 'inspected'; ok: false; reason: 'heic-conversion' | 'unreadable' | 'shrink' };

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

async function heicToBitmap(file: Blob): Promise<ImageBitmap> {
  const { heicTo } = await import('heic-to/csp');
  // heic-to's own JPEG output draws on a DOM canvas, which a worker lacks: decode to a bitmap
  // and encode the JPEG on an OffscreenCanvas instead.
  return heicTo({ blob: file, type: 'bitmap' });
}

/**
 * The bitmap drawn at the largest size within the limits whose encoding fits MAX_FILE_BYTES:
 * first within MAX_SIDE_PX, then a fifth smaller each time while the bytes are still too many.
 */
async function encodeWithin(bitmap: ImageBitmap, type: UploadContentType): Promise<{ blob: Blob; width: number; height: number }> {
  let { width, height } = fitWithin(bitmap.width, bitmap.height, MAX_SIDE_PX);
  for (let attempt = 0; attempt < 8; attempt++) {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type, quality: 0.9 });
    if (blob.size <= MAX_FILE_BYTES) return { blob, width, height };
    ({ width, height } = fitWithin(width, height, Math.floor(Math.max(width, height) * 0.8)));
  }
  throw new Error('Could not shrink below the limit');
}

/**
 * Inspection's outcome, with the file to send and, when the photo was decoded to be converted,
 * turned or shrunk, that decoded image: the caller makes the thumbnail from it and closes it.
 */
export interface Inspected {
  result: InspectResult;
  file: Blob;
  decoded: ImageBitmap | null;
}

export async function inspect({ id, file, convertHeic }: PrepareRequest): Promise<Inspected> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = toHex(await crypto.subtle.digest('SHA-256', bytes));
  const adjustments: Adjustments = {};
  let bitmap: ImageBitmap;
  let type: UploadContentType;
  if (convertHeic) {
    try {
      bitmap = await heicToBitmap(file);
    } catch {
      return { result: { id, step: 'inspected', ok: false, reason: 'heic-conversion' }, file, decoded: null };
    }
    type = 'image/jpeg';
    adjustments.converted = true;
  } else {
    const sniffed = sniffImageType(bytes.subarray(0, 16));
    const header = sniffed ? readImageHeader(bytes) : null;
    const rotate = sniffed === 'image/jpeg' && (header?.orientation ?? 1) > 1;
    const tooLarge = bytes.byteLength > MAX_FILE_BYTES || (header !== null && Math.max(header.width, header.height) > MAX_SIDE_PX);
    if (!sniffed || (!rotate && !tooLarge)) {
      return { result: { id, step: 'inspected', ok: true, hash, sniffed, converted: null, adjustments }, file, decoded: null };
    }
    type = sniffed;
    try {
      // Decoded as shown: the browser applies the EXIF orientation (imageOrientation 'from-image').
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      return { result: { id, step: 'inspected', ok: false, reason: 'unreadable' }, file, decoded: null };
    }
    if (rotate) adjustments.rotated = true;
  }
  try {
    const { blob, width, height } = await encodeWithin(bitmap, type);
    if (width !== bitmap.width || height !== bitmap.height || (!adjustments.converted && bytes.byteLength > MAX_FILE_BYTES)) {
      adjustments.shrunk = { from: [bitmap.width, bitmap.height], to: [width, height] };
    }
    return { result: { id, step: 'inspected', ok: true, hash, sniffed: type, converted: blob, adjustments }, file: blob, decoded: bitmap };
  } catch {
    bitmap.close();
    return {
      result: { id, step: 'inspected', ok: false, reason: adjustments.converted ? 'heic-conversion' : 'shrink' },
      file,
      decoded: null,
    };
  }
}

/** `source` drawn at `width` × `height` (at most 320 px wide), as a WebP. */
async function thumbnailFrom(id: string, source: ImageBitmap, width: number, height: number): Promise<ThumbnailResult> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.imageSmoothingQuality = 'medium';
  context.drawImage(source, 0, 0, width, height);
  return { id, step: 'thumbnail', thumbnail: await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 }), decodable: true };
}

const notDecodable = (id: string): ThumbnailResult => ({ id, step: 'thumbnail', thumbnail: null, decodable: false });

/** The thumbnail of a file not decoded yet: decoded at thumbnail size. */
export async function thumbnailOf(id: string, file: Blob): Promise<ThumbnailResult> {
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: THUMBNAIL_WIDTH, resizeQuality: 'medium' });
    try {
      return await thumbnailFrom(id, bitmap, bitmap.width, bitmap.height);
    } finally {
      bitmap.close();
    }
  } catch {
    return notDecodable(id);
  }
}

/** The thumbnail of a photo inspection already decoded (and the image closed). */
export async function thumbnailOfDecoded(id: string, decoded: ImageBitmap): Promise<ThumbnailResult> {
  try {
    const width = Math.min(THUMBNAIL_WIDTH, decoded.width);
    return await thumbnailFrom(id, decoded, width, Math.max(1, Math.round((decoded.height * width) / decoded.width)));
  } catch {
    return notDecodable(id);
  } finally {
    decoded.close();
  }
}

export interface PrepareSteps {
  inspect: (request: PrepareRequest) => Promise<Inspected>;
  thumbnailOf: (id: string, file: Blob) => Promise<ThumbnailResult>;
  thumbnailOfDecoded: (id: string, decoded: ImageBitmap) => Promise<ThumbnailResult>;
}

const STEPS: PrepareSteps = { inspect, thumbnailOf, thumbnailOfDecoded };

/**
 * Prepares files one step at a time: every inspection waiting goes before any thumbnail still to
 * decode, since uploads wait on inspections and only the row's picture waits on a thumbnail. A
 * thumbnail from an image inspection decoded is made at once (a downscale of what is in memory),
 * so that image is not held while others are inspected.
 */
export function createPrepareQueue(report: (message: PrepareMessage) => void, steps: PrepareSteps = STEPS) {
  const inspections: PrepareRequest[] = [];
  const thumbnails: { id: string; file: Blob }[] = [];
  let running = false;

  async function inspectOne(request: PrepareRequest) {
    let inspected: Inspected;
    try {
      inspected = await steps.inspect(request);
    } catch {
      report({ id: request.id, step: 'inspected', ok: false, reason: 'unreadable' });
      return;
    }
    const { result, file, decoded } = inspected;
    report(result);
    if (!result.ok) {
      decoded?.close();
    } else if (decoded) {
      report(await steps.thumbnailOfDecoded(request.id, decoded).catch(() => notDecodable(request.id)));
    } else if (!result.sniffed) {
      report(notDecodable(request.id));
    } else {
      thumbnails.push({ id: request.id, file });
    }
  }

  async function drain() {
    running = true;
    try {
      for (;;) {
        const request = inspections.shift();
        if (request) {
          await inspectOne(request);
          continue;
        }
        const thumbnail = thumbnails.shift();
        if (!thumbnail) return;
        report(await steps.thumbnailOf(thumbnail.id, thumbnail.file).catch(() => notDecodable(thumbnail.id)));
      }
    } finally {
      running = false;
    }
  }

  return {
    add(request: PrepareRequest) {
      inspections.push(request);
      if (!running) void drain();
    },
  };
}
