/** Which two poses `C` puts side by side: the focused one and the one focused before it. */
import type { CharacterRef } from '../../../contract/aurous';
import { CANONICAL_POSES, type Pose } from '../../../contract/constants';

export function comparePair(refs: readonly CharacterRef[], focused: Pose, before: Pose | null): [CharacterRef, CharacterRef] | null {
  const left = refs.find((ref) => ref.pose === focused);
  if (!left) return null;
  const previous = before && before !== focused ? refs.find((ref) => ref.pose === before) : undefined;
  // With no earlier pose to hand, the next canonical pose the character has.
  const start = CANONICAL_POSES.indexOf(focused as (typeof CANONICAL_POSES)[number]);
  const following = [...CANONICAL_POSES.slice(start + 1), ...CANONICAL_POSES.slice(0, Math.max(0, start))]
    .map((pose) => refs.find((ref) => ref.pose === pose))
    .find((ref): ref is CharacterRef => Boolean(ref));
  const right = previous ?? following;
  return right ? [left, right] : null;
}

export const COMPARE_ZOOMS = ['fit', 1, 2] as const;
export type CompareZoom = (typeof COMPARE_ZOOMS)[number];

export function stepZoom(zoom: CompareZoom, direction: 1 | -1): CompareZoom {
  const index = COMPARE_ZOOMS.indexOf(zoom);
  return COMPARE_ZOOMS[Math.min(COMPARE_ZOOMS.length - 1, Math.max(0, index + direction))] ?? zoom;
}
