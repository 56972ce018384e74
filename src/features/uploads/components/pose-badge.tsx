import type { Pose } from '../../../../contract/constants';
import { formatPercent } from '../../../lib/format';
import { cn } from '../../../components/ui/cn';

const POSE_STYLE: Record<Pose, string> = {
  portrait: 'bg-violet-100 text-violet-900 ring-violet-300',
  front: 'bg-sky-100 text-sky-900 ring-sky-300',
  side: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  back: 'bg-amber-100 text-amber-900 ring-amber-300',
  other: 'bg-slate-100 text-slate-800 ring-slate-300',
};

export const POSE_DESCRIPTION: Record<Pose, string> = {
  portrait: 'Head and shoulders',
  front: 'Full body, facing the camera',
  side: 'Full body, in profile',
  back: 'Full body, facing away',
  other: 'Any other view; a normal label, not an error',
};

/** Below this the badge says "low confidence" — informative only, never a gate. */
export const LOW_CONFIDENCE = 0.6;

export function PoseBadge({ pose, confidence }: { pose: Pose; confidence?: number }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span
        className={cn('rounded-full px-2.5 py-0.5 text-xs font-semibold capitalize ring-1 ring-inset', POSE_STYLE[pose])}
        title={POSE_DESCRIPTION[pose]}
      >
        {pose}
      </span>
      {confidence !== undefined && (
        <span className="text-xs text-slate-700">
          {formatPercent(confidence)} confidence{confidence < LOW_CONFIDENCE ? ' (low)' : ''}
        </span>
      )}
    </span>
  );
}
