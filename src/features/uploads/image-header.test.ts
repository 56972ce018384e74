import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitWithin, readImageHeader } from './image-header';

const pixels = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#8a5' } });

describe('readImageHeader', () => {
  it('reads the size of a JPEG, a PNG and a WebP (lossy and lossless) without decoding', async () => {
    expect(readImageHeader(await pixels(640, 427).jpeg().toBuffer())).toEqual({ width: 640, height: 427, orientation: 1 });
    expect(readImageHeader(await pixels(300, 5000).png().toBuffer())).toEqual({ width: 300, height: 5000, orientation: 1 });
    expect(readImageHeader(await pixels(451, 300).webp().toBuffer())).toEqual({ width: 451, height: 300, orientation: 1 });
    expect(readImageHeader(await pixels(451, 300).webp({ lossless: true }).toBuffer())).toEqual({
      width: 451,
      height: 300,
      orientation: 1,
    });
  });

  it('reads the EXIF orientation, and gives the size as the photo is shown', async () => {
    // A phone photo held upright, stored sideways: 300 × 165 pixels, shown 165 × 300.
    const sideways = await pixels(300, 165).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(readImageHeader(sideways)).toEqual({ width: 165, height: 300, orientation: 6 });
    const upsideDown = await pixels(300, 165).jpeg().withMetadata({ orientation: 3 }).toBuffer();
    expect(readImageHeader(upsideDown)).toEqual({ width: 300, height: 165, orientation: 3 });
  });

  it('says nothing for bytes that are no image it knows', () => {
    expect(readImageHeader(new TextEncoder().encode('just some text, long enough to be read as a header'))).toBeNull();
    expect(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
  });
});

describe('fitWithin', () => {
  it('shrinks the longer side to the limit, keeping the proportions, and never enlarges', () => {
    expect(fitWithin(6000, 4000, 4096)).toEqual({ width: 4096, height: 2731 });
    expect(fitWithin(3000, 9000, 4096)).toEqual({ width: 1365, height: 4096 });
    expect(fitWithin(640, 427, 4096)).toEqual({ width: 640, height: 427 });
  });
});
