import { expect, it } from 'vitest';
import { reviewTiles } from './review-tiles';

it('lays out the four canonical poses in order, empty where missing, then any others', () => {
  const tiles = reviewTiles([
    { pose: 'other', url: 'o' },
    { pose: 'front', url: 'f1' },
    { pose: 'back', url: 'b' },
    { pose: 'front', url: 'f2' },
  ]);
  expect(tiles.map((tile) => [tile.pose, tile.ref?.url ?? null])).toEqual([
    ['portrait', null],
    ['front', 'f1'],
    ['front', 'f2'],
    ['side', null],
    ['back', 'b'],
    ['other', 'o'],
  ]);
  expect(new Set(tiles.map((tile) => tile.key)).size).toBe(tiles.length);
});
