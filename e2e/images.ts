/** Real image files for the tests, generated so no binary fixtures live in the repo. */
import { PNG } from 'pngjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = path.join(os.tmpdir(), 'aurous-console-e2e-images');
mkdirSync(dir, { recursive: true });

/** A PNG of the given size, filled with a colour derived from `seed` so each file's bytes differ. */
export function pngBytes(width: number, height: number, seed: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = (width * y + x) << 2;
      png.data[index] = (seed * 53 + x) % 256;
      png.data[index + 1] = (seed * 97 + y) % 256;
      png.data[index + 2] = (seed * 31) % 256;
      png.data[index + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export function writeImage(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

export function pngFile(name: string, seed: number, width = 60, height = 120): string {
  return writeImage(name, pngBytes(width, height, seed));
}

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

/** Real photographs at the proportions people upload (e2e/fixtures/make-photos.ts), under the name given. */
export const PHOTOS = {
  /** 165 × 300, a standing person. */
  tall: 'photo-tall.jpg',
  tallMirrored: 'photo-tall-mirrored.jpg',
  /** 220 × 220. */
  square: 'photo-square.png',
  /** 300 × 200, a landscape. */
  wide: 'photo-wide.jpg',
  /** 180 × 240, a phone portrait. */
  cat: 'photo-cat.jpg',
  /** The tall photo stored sideways (300 × 165) with EXIF Orientation 6. */
  exif6: 'photo-exif-6.jpg',
} as const;

export function photo(fixture: string, name = fixture): { name: string; mimeType: string; buffer: Buffer } {
  const buffer = readFileSync(path.join(fixtures, fixture));
  return { name, mimeType: fixture.endsWith('.png') ? 'image/png' : 'image/jpeg', buffer };
}

/** A character's worth of real photos: square portrait, tall front and back, a 3:4 side, a wide "other". */
export const characterPhotos = () => [
  photo(PHOTOS.square, 'hero-portrait.png'),
  photo(PHOTOS.tall, 'hero-front.jpg'),
  photo(PHOTOS.cat, 'hero-side.jpg'),
  photo(PHOTOS.tallMirrored, 'hero-back.jpg'),
  photo(PHOTOS.wide, 'rocket.jpg'),
];
