import type { Character } from '../../../../contract/aurous';
import { cn } from '../../../components/ui/cn';
import { POSE_LABEL } from '../../characters/pose-labels';
import { reviewTiles } from '../../characters/review-tiles';
import type { CanonicalPose } from '../review-poses';

interface PoseStageProps {
  character: Character;
  focused: CanonicalPose;
  /** The key that focuses each pose, shown on its tile. */
  keyFor: Record<CanonicalPose, string>;
}

/** The current character's four poses, as large as the screen allows; the focused one outlined. */
export function PoseStage({ character, focused, keyFor }: PoseStageProps) {
  const tiles = reviewTiles(character.refs).filter((tile) => tile.pose !== 'other');
  return (
    <ul aria-label="Poses" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => {
        const pose = tile.pose as CanonicalPose;
        const isFocused = pose === focused;
        const label = POSE_LABEL[pose];
        return (
          <li
            key={tile.key}
            aria-label={`${label} pose${isFocused ? ', focused' : ''}`}
            aria-current={isFocused || undefined}
            className={cn(
              'flex flex-col overflow-hidden rounded-xl border-2 bg-white',
              isFocused ? 'border-indigo-700 shadow-lg' : 'border-slate-200',
            )}
          >
            <div className="h-[min(60vh,36rem)] bg-slate-100">
              {tile.ref ? (
                <img src={tile.ref.url} alt={`${label} pose`} className="size-full object-contain" />
              ) : (
                <div className="flex size-full items-center justify-center p-4 text-center text-sm text-slate-700">No {label.toLowerCase()} reference</div>
              )}
            </div>
            <div className="flex items-center justify-between px-3 py-1.5 text-sm">
              <span className={cn('font-medium', isFocused ? 'text-indigo-800' : 'text-slate-900')}>{label}</span>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-800">{keyFor[pose]}</kbd>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
