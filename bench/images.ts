/** Bench images, generated at run time (no binary fixtures in the repo). */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const IMAGE_DIR = path.join(os.tmpdir(), 'aurous-bench-images');
mkdirSync(IMAGE_DIR, { recursive: true });

/**
 * A PNG of about `bytes` bytes: stored (deflate level 0) noisy RGBA, so its size is exact and
 * each seed gives different bytes (no duplicate is refused by the hash check).
 */
export function noisyPng(bytes: number, seed: number): Buffer {
  const side = Math.floor(Math.sqrt(bytes / 4));
  const png = new PNG({ width: side, height: side });
  let s = seed * 2654435761;
  for (let i = 0; i < png.data.length; i += 4) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    png.data[i] = s >>> 24;
    png.data[i + 1] = (s >>> 16) & 255;
    png.data[i + 2] = (s >>> 8) & 255;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png, { deflateLevel: 0 });
}

/** A 6000×4000 (24 MP) JPEG: gradients with mild noise, about 5 MB. */
export function largeJpeg(): Buffer {
  const width = 6000;
  const height = 4000;
  const data = Buffer.alloc(width * height * 4);
  let s = 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
      const n = (s >> 16) & 7;
      data[i] = ((x >> 4) + n) & 255;
      data[i + 1] = ((y >> 4) + n) & 255;
      data[i + 2] = (((x + y) >> 5) + n) & 255;
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 75).data);
}

/** The same JPEG with a COM segment after SOI, so each variant hashes differently. */
export function jpegVariant(base: Buffer, seed: number): Buffer {
  const text = Buffer.from(`aurous bench variant ${seed}`);
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  text.copy(segment, 4);
  return Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]);
}

export function writeImage(name: string, bytes: Buffer): string {
  const file = path.join(IMAGE_DIR, name);
  writeFileSync(file, bytes);
  return file;
}
