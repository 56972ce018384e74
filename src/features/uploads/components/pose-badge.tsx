import type { Pose } from '../../../../contract/constants';
import { cn } from '../../../components/ui/cn';
import { Tooltip } from '../../../components/ui/tooltip';
import { formatPercent } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';

/** One hue per pose, from the design tokens (they follow dark mode). */
const POSE_STYLE: Record<Pose, string> = {
  portrait: 'bg-pose-portrait/15 ring-pose-portrait/60',
  front: 'bg-pose-front/15 ring-pose-front/60',
  side: 'bg-pose-side/15 ring-pose-side/60',
  back: 'bg-pose-back/15 ring-pose-back/60',
  other: 'bg-pose-other/15 ring-pose-other/60',
};

/** Below this the badge says "low" — informative only, never a gate. */
export const LOW_CONFIDENCE = 0.6;

function InfoIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5 shrink-0 text-fg-muted">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 7v4.2M8 4.6v.1" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The detected pose and how sure the classifier is. The badge explains itself (hover, keyboard
 * focus or a tap): what the pose means, and that confidence never blocks using the image.
 */
export function PoseBadge({ pose, confidence }: { pose: Pose; confidence?: number }) {
  const percent = confidence === undefined ? null : formatPercent(confidence);
  return (
    <Tooltip
      triggerClassName="-mx-1 flex-wrap gap-x-2 gap-y-1 px-1 hover:bg-surface-muted"
      content={
        <>
          <span className="block">{messages.pose.description[pose]}</span>
          {percent !== null && <span className="mt-1 block">{messages.pose.confidenceHelp(percent)}</span>}
        </>
      }
    >
      <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-semibold text-fg ring-1 ring-inset', POSE_STYLE[pose])}>
        {apiMessages.poseWord[pose]}
      </span>
      {percent !== null && confidence !== undefined && (
        <span className="text-xs text-fg-muted">
          {messages.pose.confidence(percent)}
          {confidence < LOW_CONFIDENCE ? ` ${messages.pose.low}` : ''}
        </span>
      )}
      <InfoIcon />
    </Tooltip>
  );
}
