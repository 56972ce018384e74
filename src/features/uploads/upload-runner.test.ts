import { expect, it } from 'vitest';
import { initFilename } from './upload-runner';

it('shortens a long filename to init’s 120 characters, keeping the extension', () => {
  const name = `${'a'.repeat(200)}.jpeg`;
  const short = initFilename(name);
  expect(short).toHaveLength(120);
  expect(short.endsWith('.jpeg')).toBe(true);
  expect(initFilename('front.png')).toBe('front.png');
});
