/**
 * An image's size and EXIF orientation from its first bytes, without decoding it: enough to know
 * whether a photo must be turned upright or shrunk before upload (most need neither, and are sent
 * byte for byte as chosen). JPEG, PNG and WebP; anything else reads as null.
 */

export interface ImageHeader {
  /** As displayed: already swapped for an EXIF orientation that turns the image a quarter. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1: stored upright); 1 when the file has none. */
  orientation: number;
}

const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const le16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const le24 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

/** The Orientation tag (0x0112) of IFD0 in an Exif APP1 segment's TIFF block, or 1. */
function exifOrientation(b: Uint8Array, tiff: number, end: number): number {
  if (tiff + 8 > end) return 1;
  const little = b[tiff] === 0x49 && b[tiff + 1] === 0x49;
  const u16 = (i: number) => (little ? le16(b, i) : be16(b, i));
  const u32 = (i: number) => (little ? (le16(b, i) | (le16(b, i + 2) << 16)) >>> 0 : be32(b, i));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let entry = 0; entry < count; entry++) {
    const at = ifd + 2 + entry * 12;
    if (at + 12 > end) break;
    if (u16(at) === 0x0112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function jpegHeader(b: Uint8Array): ImageHeader | null {
  let orientation = 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = be16(b, i + 2);
    if (marker === 0xe1 && b[i + 4] === 0x45 && b[i + 5] === 0x78 && b[i + 6] === 0x69 && b[i + 7] === 0x66) {
      orientation = exifOrientation(b, i + 10, Math.min(b.length, i + 2 + length));
    }
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC): the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      const height = be16(b, i + 5);
      const width = be16(b, i + 7);
      const quarterTurn = orientation >= 5;
      return { width: quarterTurn ? height : width, height: quarterTurn ? width : height, orientation };
    }
    if (marker === 0xda) return null; // image data before any frame header
    i += 2 + length;
  }
  return null;
}

export function readImageHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 30) return null;
  if (b[0] === 0xff && b[1] === 0xd8) return jpegHeader(b);
  if (b[0] === 0x89 && b[1] === 0x50 && b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52) {
    return { width: be32(b, 16), height: be32(b, 20), orientation: 1 };
  }
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (b[0] === 0x52 && b[8] === 0x57) {
    if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff, orientation: 1 };
    if (chunk === 'VP8L') {
      const [b0, b1, b2, b3] = [b[21]!, b[22]!, b[23]!, b[24]!];
      return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0xf) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)), orientation: 1 };
    }
    if (chunk === 'VP8X') return { width: 1 + le24(b, 24), height: 1 + le24(b, 27), orientation: 1 };
  }
  return null;
}

/** The size that fits within `maxSide` on both sides, keeping the proportions (never enlarged). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
