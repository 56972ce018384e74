import { useId } from 'react';
import type { Pose } from '../../../../contract/constants';
import { formatCost } from '../../../lib/aurous/cost';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { toneText } from '../../../components/ui/notice';
import { Skeleton } from '../../../components/ui/skeleton';
import { poseChipVariants } from '../../../components/ui/variants';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { messages } from '../messages';
import { POSE_LABEL } from '../pose-labels';
import type { Tile } from '../../../lib/aurous/review-tiles';

interface ReviewGridProps {
  tiles: Tile[];
  /** The pose being regenerated right now ('all' for a resynthesis), if any. */
  regenerating: Pose | 'all' | null;
  /** Null when generating is allowed; otherwise why not (shown once, beside the actions). */
  generateBlocked: string | null;
  /** The id of the visible line beside the actions that says why generating is blocked. */
  blockedReasonId?: string;
  busy: boolean;
  onOpen: (index: number) => void;
  onGenerate: (pose: Pose) => void;
}

/** One column on a phone, two from `sm`, four from `lg`: the four canonical poses. */
export const REVIEW_GRID_CLASS = 'grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4';

/**
 * Columns for `count` tiles (the four canonical poses plus any extra, 4–9): one on a phone; from
 * `sm` and `lg` a count that leaves no tile alone on the last row (five tiles are 3 + 2, then one
 * row of five). Written out whole so Tailwind sees every class.
 */
const COLUMNS_BY_COUNT: Record<number, string> = {
  4: REVIEW_GRID_CLASS,
  5: 'grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5 lg:gap-2',
  6: 'grid grid-cols-1 gap-4 sm:grid-cols-3 lg:grid-cols-3',
  7: 'grid grid-cols-1 gap-4 sm:grid-cols-4 lg:grid-cols-4',
  8: 'grid grid-cols-1 gap-4 sm:grid-cols-4 lg:grid-cols-4',
  9: 'grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5 lg:gap-2',
};
export const reviewGridClass = (count: number) => COLUMNS_BY_COUNT[count] ?? REVIEW_GRID_CLASS;

export function ReviewGrid({ tiles, regenerating, generateBlocked, blockedReasonId, busy, onOpen, onGenerate }: ReviewGridProps) {
  const viewable = tiles.filter((tile) => tile.ref);
  const costId = useId();
  const canGenerateSome = tiles.some((tile) => tile.pose !== 'other');
  // What a Generate / Regenerate button costs, or why it is disabled: always visible text, never a tooltip.
  const describedBy = generateBlocked ? blockedReasonId : costId;
  return (
    <div className="flex flex-col gap-2">
      <ul aria-label={messages.referencePoses} className={reviewGridClass(tiles.length)}>
        {tiles.map((tile) => {
          const label = POSE_LABEL[tile.pose];
          const word = apiMessages.poseWord[tile.pose];
          const isRegenerating = regenerating === 'all' || regenerating === tile.pose;
          const verb = tile.ref ? messages.regenerate : messages.generate;
          return (
            <li
              key={tile.key}
              aria-label={messages.poseTile(label)}
              aria-busy={isRegenerating || undefined}
              className="@container flex flex-col overflow-hidden rounded-xl border border-line bg-surface"
            >
              {/* Every tile is 3:4 whatever the photo's shape (min-h-0: a tall image must not stretch it),
                  and the photo is contained, never cropped: a reviewer judges the whole pose, feet and
                  head included, on a neutral backdrop. */}
              <div className="relative aspect-[3/4] min-h-0 overflow-hidden bg-surface-muted">
                {tile.ref ? (
                  <button
                    type="button"
                    onClick={() => onOpen(viewable.indexOf(tile))}
                    className="size-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus"
                    aria-label={messages.viewLarger(label)}
                  >
                    <img src={tile.ref.url} alt={messages.poseTile(label)} className="size-full object-contain" />
                  </button>
                ) : isRegenerating ? (
                  <Skeleton className="size-full rounded-none" />
                ) : (
                  <div className="flex size-full items-center justify-center p-4 text-center text-sm text-fg-muted">
                    {messages.noReferenceYet(word)}
                  </div>
                )}
                {isRegenerating && (
                  <div
                    role="status"
                    className="absolute inset-0 flex items-center justify-center bg-surface/75 text-sm font-semibold text-fg"
                  >
                    {tile.ref ? messages.regenerating : messages.generating}
                  </div>
                )}
              </div>
              {/* One line, the same height in every tile (with or without a button), so badges and
                  buttons line up across the row. A tile narrower than 16rem (five in a row) stacks the
                  badge over the button instead of cutting "Portrait" short: tiles of a row are one
                  width, so the whole row stacks alike and still lines up. */}
              <div className="flex min-h-12 items-center justify-between gap-1 px-2 py-2 @max-3xs:min-h-20 @max-3xs:flex-col @max-3xs:items-start @max-3xs:justify-start">
                <span className={cn(poseChipVariants({ pose: tile.pose, size: 'sm' }), 'truncate')}>{label}</span>
                {tile.pose !== 'other' && (
                  <Button
                    variant="secondary"
                    size="sm"
                    className="shrink-0 px-2"
                    onClick={() => onGenerate(tile.pose)}
                    disabled={Boolean(generateBlocked) || busy}
                    aria-describedby={describedBy}
                  >
                    {verb}
                    <span className="sr-only"> {word}</span>
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {/* Kept while generation waits (the price still holds): the page's height must not change under a reviewer scrolled to the grid. */}
      {canGenerateSome && (
        <p id={costId} className={toneText()}>
          {messages.poseCost(formatCost('regenerate'))}
        </p>
      )}
    </div>
  );
}
