import { CANONICAL_POSES } from '../../../contract/constants';
import type { KeyAction } from './keymap';

export type CanonicalPose = (typeof CANONICAL_POSES)[number];

/** Which key action focuses which pose (1–4 by default). */
export const FOCUS_ACTION: Record<CanonicalPose, KeyAction> = {
  portrait: 'focusPortrait',
  front: 'focusFront',
  side: 'focusSide',
  back: 'focusBack',
};

/**
 * The pose a swipe (or a previous/next button) steps to among `available`, in canonical order;
 * null at either end (no wrapping, so a swipe past the last pose does nothing surprising).
 */
export function stepPose(available: readonly CanonicalPose[], current: CanonicalPose, step: 1 | -1): CanonicalPose | null {
  const ordered = CANONICAL_POSES.filter((pose) => available.includes(pose));
  const index = ordered.indexOf(current);
  if (index < 0) return ordered[step === 1 ? 0 : ordered.length - 1] ?? null;
  return ordered[index + step] ?? null;
}
