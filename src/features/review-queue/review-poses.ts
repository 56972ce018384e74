import type { CANONICAL_POSES } from '../../../contract/constants';
import type { KeyAction } from './keymap';

export type CanonicalPose = (typeof CANONICAL_POSES)[number];

/** Which key action focuses which pose (1–4 by default). */
export const FOCUS_ACTION: Record<CanonicalPose, KeyAction> = {
  portrait: 'focusPortrait',
  front: 'focusFront',
  side: 'focusSide',
  back: 'focusBack',
};
