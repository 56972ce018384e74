/** The review grid's tiles: the four canonical poses in order (empty where missing), then others. */
import { CANONICAL_POSES, type Pose } from '../../../contract/constants';
import type { CharacterRef } from '../../../contract/aurous';

export type Tile = { key: string; pose: Pose; ref: CharacterRef | null };

export function reviewTiles(refs: readonly CharacterRef[]): Tile[] {
  const tiles: Tile[] = [];
  for (const pose of CANONICAL_POSES) {
    const matching = refs.filter((ref) => ref.pose === pose);
    if (matching.length === 0) tiles.push({ key: `${pose}-missing`, pose, ref: null });
    matching.forEach((ref, index) => tiles.push({ key: `${pose}-${index}`, pose, ref }));
  }
  refs.filter((ref) => ref.pose === 'other').forEach((ref, index) => tiles.push({ key: `other-${index}`, pose: 'other', ref }));
  return tiles;
}
