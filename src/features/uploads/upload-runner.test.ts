import { expect, it } from 'vitest';
import { initFilename } from './upload-runner';

it('shortens a long filename to init’s 120 characters, keeping the extension', () => {
  const short = initFilename(`${'a'.repeat(200)}.jpeg`, 'jpeg');
  expect(short).toHaveLength(120);
  expect(short.endsWith('.jpeg')).toBe(true);
  expect(initFilename('front.png', 'png')).toBe('front.png');
});

it('makes unusual names valid: control characters, separators, leading dots, empty names', () => {
  expect(initFilename('a/b\\c:d*?.png', 'png')).toBe('a_b_c_d__.png');
  expect(initFilename('tab\there\nnew.png', 'png')).toBe('tab here new.png');
  expect(initFilename('...hidden.png', 'png')).toBe('hidden.png');
  expect(initFilename('.png', 'png')).toBe('image.png');
  expect(initFilename('   .png', 'png')).toBe('image.png');
});

it('keeps non-Latin names and never splits an emoji', () => {
  expect(initFilename('портрет 🙂.jpg', 'jpg')).toBe('портрет 🙂.jpg');
  const emojis = initFilename(`${'🙂'.repeat(130)}.png`, 'png');
  expect(emojis.length).toBeLessThanOrEqual(120);
  expect(emojis.endsWith('🙂.png')).toBe(true);
  // No half of a surrogate pair is left behind.
  expect(emojis).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
});

it('names a converted HEIC photo with the extension of the JPEG actually sent', () => {
  expect(initFilename('IMG_0001.HEIC', 'jpg')).toBe('IMG_0001.jpg');
});
