import { describe, expect, it } from 'vitest';
import { comparePair, stepZoom } from './compare-pair';

const refs = [
  { pose: 'portrait', url: 'p' },
  { pose: 'front', url: 'f' },
  { pose: 'side', url: 's' },
] as const;

describe('the compare pair', () => {
  it('puts the focused pose beside the one focused before it', () => {
    expect(comparePair([...refs], 'front', 'side')?.map((ref) => ref.url)).toEqual(['f', 's']);
  });
  it('falls back to the next pose the character has (wrapping round), never the same one twice', () => {
    expect(comparePair([...refs], 'front', null)?.map((ref) => ref.url)).toEqual(['f', 's']);
    expect(comparePair([...refs], 'side', 'side')?.map((ref) => ref.url)).toEqual(['s', 'p']);
  });
  it('has nothing to compare without the focused pose or a second one', () => {
    expect(comparePair([...refs], 'back', 'front')).toBeNull();
    expect(comparePair([{ pose: 'front', url: 'f' }], 'front', null)).toBeNull();
  });
});

it('steps the shared zoom between fit, 1:1 and 2:1, stopping at the ends', () => {
  expect(stepZoom('fit', 1)).toBe(1);
  expect(stepZoom(1, 1)).toBe(2);
  expect(stepZoom(2, 1)).toBe(2);
  expect(stepZoom('fit', -1)).toBe('fit');
});
