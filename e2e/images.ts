/** Real image files for the tests, generated so no binary fixtures live in the repo. */
import { PNG } from 'pngjs';
import { mkdirSync, writeFileSync } from 'node:fs';
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
