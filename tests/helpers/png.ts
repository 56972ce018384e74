/** Real PNG bytes for tests: `width`×`height`, filled with a colour derived from `seed`. */
import { PNG } from 'pngjs';

export function makePng(width: number, height: number, seed = 0): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = (seed * 37 + i) % 256;
    png.data[i * 4 + 1] = (seed * 91) % 256;
    png.data[i * 4 + 2] = (seed * 53 + 7) % 256;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}
