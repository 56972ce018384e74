import type { Pose } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { POSE_LABEL } from '../pose-labels';
import type { Tile } from '../review-tiles';

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

export function ReviewGrid({ tiles, regenerating, generateBlocked, busy, onOpen, onGenerate }: ReviewGridProps) {
  const viewable = tiles.filter((tile) => tile.ref);
  return (
    <ul aria-label="Reference poses" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {tiles.map((tile) => {
        const label = POSE_LABEL[tile.pose];
        const isRegenerating = regenerating === 'all' || regenerating === tile.pose;
        const verb = tile.ref ? 'Regenerate' : 'Generate';
        return (
          <li
            key={tile.key}
            aria-label={`${label} pose`}
            aria-busy={isRegenerating || undefined}
            className="flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white"
          >
            <div className="relative aspect-[3/4] bg-slate-100">
              {tile.ref ? (
                <button
                  type="button"
                  onClick={() => onOpen(viewable.indexOf(tile))}
                  className="size-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
                  aria-label={`View ${label} larger`}
                >
                  <img src={tile.ref.url} alt={`${label} pose`} className="size-full object-cover" />
                </button>
              ) : (
                <div className="flex size-full items-center justify-center p-4 text-center text-sm text-slate-700">
                  No {label.toLowerCase()} reference yet
                </div>
              )}
              {isRegenerating && (
                <div className="absolute inset-0 flex items-center justify-center bg-white/70 text-sm font-semibold text-slate-900">
                  {tile.ref ? 'Regenerating…' : 'Generating…'}
                </div>
              )}
            </div>
            <div className="flex items-center justify-between gap-2 px-3 py-2">
              <span className="font-medium text-slate-900">{label}</span>
              {tile.pose !== 'other' && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => onGenerate(tile.pose)}
                  disabled={Boolean(generateBlocked) || busy}
                  title={generateBlocked ?? `${verb} the ${label.toLowerCase()} pose (1 generation)`}
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
