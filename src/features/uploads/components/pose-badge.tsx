import type { Pose } from '../../../../contract/constants';
import { Tooltip } from '../../../components/ui/tooltip';
import { poseChipVariants } from '../../../components/ui/variants';
import { formatPercent } from '../../../lib/i18n/format';
import { rowMessages } from '../row-messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';

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
          <span className="block">{rowMessages.pose.description[pose]}</span>
          {percent !== null && <span className="mt-1 block">{rowMessages.pose.confidenceHelp(percent)}</span>}
        </>
      }
    >
      <span className={poseChipVariants({ pose, size: 'sm' })}>{apiMessages.poseWord[pose]}</span>
      {percent !== null && confidence !== undefined && (
        <span className="text-xs text-fg-muted">
          {rowMessages.pose.confidence(percent)}
          {confidence < LOW_CONFIDENCE ? ` ${rowMessages.pose.low}` : ''}
        </span>
      )}
      <InfoIcon />
    </Tooltip>
  );
}
