import type { Character } from '../../../../contract/aurous';
import { Skeleton, SkeletonTile } from '../../../components/ui/skeleton';
import { cn } from '../../../components/ui/cn';
import { poseChipVariants } from '../../../components/ui/variants';
import { useSwipe } from '../../../lib/swipe';
import { reviewTiles } from '../../../lib/aurous/review-tiles';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { type CanonicalPose } from '../review-poses';
import { KeyHint } from './key-hint';

interface PoseStageProps {
  character: Character;
  focused: CanonicalPose;
  /** The key that focuses each pose, shown on its tile. */
  keyFor: Record<CanonicalPose, string>;
  onFocus: (pose: CanonicalPose) => void;
  /** A sideways swipe on a preview: -1 for the previous pose, 1 for the next. */
  onStep: (step: 1 | -1) => void;
}

const GRID = 'grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4';
// Square like the references, and never taller than most of the screen (one column on a phone).
const PREVIEW = 'aspect-square max-h-[70vh] w-full';

/**
 * The current character's four poses, as large as the screen allows; the focused one outlined.
 * A tile's button (or a tap on its image) focuses it; a swipe on any image steps to the pose
 * before or after the focused one.
 */
export function PoseStage({ character, focused, keyFor, onFocus, onStep }: PoseStageProps) {
  const tiles = reviewTiles(character.refs).filter((tile) => tile.pose !== 'other');
  const swipe = useSwipe((direction) => onStep(direction === 'left' ? 1 : -1));
  return (
    <ul aria-label={messages.poses} className={GRID}>
      {tiles.map((tile) => {
        const pose = tile.pose as CanonicalPose;
        const isFocused = pose === focused;
        const label = apiMessages.poseName[pose];
        return (
          <li
            key={tile.key}
            data-pose={pose}
            aria-label={messages.poseTile(label, isFocused)}
            aria-current={isFocused || undefined}
            className={cn(
              'flex scroll-mt-4 flex-col overflow-hidden rounded-xl border-2 bg-surface',
              isFocused ? 'border-accent shadow-lg' : 'border-line',
            )}
          >
            <div {...swipe} onClick={() => onFocus(pose)} className={cn(PREVIEW, 'touch-pan-y touch-pinch-zoom bg-surface-muted')}>
              {tile.ref ? (
                <img src={tile.ref.url} alt={messages.poseImage(label)} draggable={false} className="size-full object-contain" />
              ) : (
                <div className="flex size-full items-center justify-center p-4 text-center text-sm text-fg-muted">
                  {messages.noReference(apiMessages.poseWord[pose])}
                </div>
              )}
            </div>
            <button
              type="button"
              aria-label={messages.focusPose(apiMessages.poseWord[pose])}
              aria-pressed={isFocused}
              onClick={() => onFocus(pose)}
              className={cn(
                'flex min-h-10 items-center justify-between gap-2 px-3 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus',
                isFocused ? 'bg-accent-soft font-semibold text-accent-fg' : 'font-medium text-fg hover:bg-surface-muted',
              )}
            >
              <span className={poseChipVariants({ pose })}>{label}</span>
              <KeyHint binding={keyFor[pose]} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The stage's shape while the queue loads: a name, the action rows, four tiles. */
export function PoseStageSkeleton() {
  return (
    <div className="flex flex-col gap-3">
      <Skeleton className="h-7 w-40" />
      <div className="flex flex-col gap-2 py-2 sm:flex-row sm:flex-wrap">
        <div className="grid grid-cols-2 gap-2 sm:flex">
          {['sm:w-24', 'sm:w-52', 'sm:w-52', 'sm:w-24'].map((width, index) => (
            <Skeleton key={index} className={cn('h-10', width)} />
          ))}
        </div>
        <div className="grid grid-cols-3 gap-2 sm:flex">
          {['sm:w-20', 'sm:w-28', 'sm:w-20', 'sm:w-24', 'sm:w-28'].map((width, index) => (
            <Skeleton key={index} className={cn('h-10', width)} />
          ))}
        </div>
      </div>
      <div className={GRID}>
        {[0, 1, 2, 3].map((index) => (
          <SkeletonTile key={index} imageClassName={PREVIEW} className="border-2">
            <div className="flex min-h-10 items-center justify-between px-3">
              <Skeleton className="h-4 w-16" />
              <Skeleton className="h-4 w-5" />
            </div>
          </SkeletonTile>
        ))}
      </div>
    </div>
  );
}
