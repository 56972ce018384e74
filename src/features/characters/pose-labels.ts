import type { Pose } from '../../../contract/constants';

export const POSE_LABEL: Record<Pose, string> = {
  portrait: 'Portrait',
  front: 'Front',
  side: 'Side',
  back: 'Back',
  other: 'Other',
};
