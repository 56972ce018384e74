import { describe, expect, it } from 'vitest';
import { imageKind, kindOf, MAX_FILE_BYTES, sniffImageType, sortDroppedFiles } from './file-rules';

const file = (name: string, size: number, type = '') => new File([new Uint8Array(size)], name, { type });

describe('imageKind', () => {
  it('takes the extension from the name, and the MIME type from the extension', () => {
    expect(imageKind({ name: 'Front.JPEG', type: '' })).toEqual({ extension: 'jpeg', contentType: 'image/jpeg', convertHeic: false });
    expect(imageKind({ name: 'a.webp', type: 'image/webp' })).toEqual({ extension: 'webp', contentType: 'image/webp', convertHeic: false });
  });
  it('falls back to the MIME type for a name with no usable extension (a pasted image)', () => {
    expect(imageKind({ name: 'image', type: 'image/png' })).toEqual({ extension: 'png', contentType: 'image/png', convertHeic: false });
  });
  it('takes HEIC/HEIF phone photos, to be converted to JPEG before upload', () => {
    expect(imageKind({ name: 'IMG_0001.HEIC', type: '' })).toEqual({ extension: 'jpg', contentType: 'image/jpeg', convertHeic: true });
    expect(imageKind({ name: 'photo', type: 'image/heif' })).toMatchObject({ convertHeic: true });
  });
  it('refuses what is not JPEG, PNG, WebP or HEIC', () => {
    expect(imageKind({ name: 'photo.avif', type: 'image/avif' })).toBeNull();
    expect(imageKind({ name: 'notes.txt', type: 'text/plain' })).toBeNull();
    expect(imageKind({ name: '.png', type: '' })).toBeNull();
  });
});

describe('sortDroppedFiles', () => {
  it('names each refused file with its reason and keeps the good ones in order', () => {
    const { accepted, refused } = sortDroppedFiles(
      [file('a.png', 10), file('notes.txt', 10, 'text/plain'), file('huge.png', 2000), file('empty.jpg', 0), file('b.jpg', 10)],
      0,
      1000,
    );
    expect(accepted.map((entry) => entry.file.name)).toEqual(['a.png', 'b.jpg']);
    expect(refused).toEqual([
      { fileName: 'notes.txt', reason: expect.stringContaining('not a JPEG, PNG, WebP or HEIC') },
      { fileName: 'huge.png', reason: expect.stringContaining('too large to shrink in the browser') },
      { fileName: 'empty.jpg', reason: expect.stringContaining('empty') },
    ]);
  });
  it('takes a photo over the upload limit, to be shrunk to fit in the browser', () => {
    expect(sortDroppedFiles([file('big.png', MAX_FILE_BYTES + 1)], 0).accepted).toHaveLength(1);
  });
  it('fills up to six references and refuses the rest by name', () => {
    const files = ['1.png', '2.png', '3.png', '4.png'].map((name) => file(name, 5));
    const { accepted, refused } = sortDroppedFiles(files, 3);
    expect(accepted.map((entry) => entry.file.name)).toEqual(['1.png', '2.png', '3.png']);
    expect(refused).toEqual([{ fileName: '4.png', reason: expect.stringContaining('at most 6') }]);
  });
});

describe('sniffImageType and kindOf', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const webp = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
  it('recognises the three formats by their first bytes', () => {
    expect(sniffImageType(jpeg)).toBe('image/jpeg');
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('hello world!'))).toBeNull();
    expect(sniffImageType(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20]))).toBeNull();
  });
  it('names what the bytes are: a JPEG named .png is sent as a .jpg JPEG', () => {
    expect(kindOf(sniffImageType(jpeg)!)).toEqual({ extension: 'jpg', contentType: 'image/jpeg' });
    expect(kindOf('image/webp')).toEqual({ extension: 'webp', contentType: 'image/webp' });
  });
});
