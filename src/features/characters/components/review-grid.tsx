import { COST, type Pose } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { formatNumber } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { POSE_LABEL } from '../pose-labels';
import type { Tile } from '../review-tiles';

/** Each pose's hue, on the tile's name (static class names, so Tailwind sees them). */
export const POSE_CHIP: Record<Pose, string> = {
  portrait: 'bg-pose-portrait/15 ring-pose-portrait/60',
  front: 'bg-pose-front/15 ring-pose-front/60',
  side: 'bg-pose-side/15 ring-pose-side/60',
  back: 'bg-pose-back/15 ring-pose-back/60',
  other: 'bg-pose-other/15 ring-pose-other/60',
};

interface ReviewGridProps {
  tiles: Tile[];
  /** The pose being regenerated right now ('all' for a resynthesis), if any. */
  regenerating: Pose | 'all' | null;
  /** Null when generating is allowed; otherwise why not (shown once, beside the actions). */
  generateBlocked: string | null;
  busy: boolean;
  onOpen: (index: number) => void;
  onGenerate: (pose: Pose) => void;
}

/** One column on a phone, two from `sm`, four from `lg`. */
export const REVIEW_GRID_CLASS = 'grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4';

export function ReviewGrid({ tiles, regenerating, generateBlocked, busy, onOpen, onGenerate }: ReviewGridProps) {
  const viewable = tiles.filter((tile) => tile.ref);
  return (
    <ul aria-label={messages.referencePoses} className={REVIEW_GRID_CLASS}>
      {tiles.map((tile) => {
        const label = POSE_LABEL[tile.pose];
        const isRegenerating = regenerating === 'all' || regenerating === tile.pose;
        const verb = tile.ref ? messages.regenerate : messages.generate;
        return (
          <li
            key={tile.key}
            aria-label={messages.poseTile(label)}
            aria-busy={isRegenerating || undefined}
            className="flex flex-col overflow-hidden rounded-xl border border-line bg-surface"
          >
            <div className="relative aspect-[3/4] bg-surface-muted">
              {tile.ref ? (
                <button
                  type="button"
                  onClick={() => onOpen(viewable.indexOf(tile))}
                  className="size-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus"
                  aria-label={messages.viewLarger(label)}
                >
                  <img src={tile.ref.url} alt={messages.poseTile(label)} className="size-full object-cover" />
                </button>
              ) : isRegenerating ? (
                <div aria-hidden="true" className="skeleton size-full bg-surface-strong" />
              ) : (
                <div className="flex size-full items-center justify-center p-4 text-center text-sm text-fg-muted">
                  {messages.noReferenceYet(label)}
                </div>
              )}
              {isRegenerating && (
                <div className="absolute inset-0 flex items-center justify-center bg-surface/75 text-sm font-semibold text-fg">
                  {tile.ref ? messages.regenerating : messages.generating}
                </div>
              )}
            </div>
            <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span className={cn('rounded-full px-2 py-0.5 text-sm font-medium text-fg ring-1', POSE_CHIP[tile.pose])}>{label}</span>
              {tile.pose !== 'other' && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => onGenerate(tile.pose)}
                  disabled={Boolean(generateBlocked) || busy}
                  title={generateBlocked ?? messages.generateHint(verb, label, COST.regenerate, formatNumber(COST.regenerate))}
                >
                  {verb}
                  <span className="sr-only"> {label.toLowerCase()}</span>
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
