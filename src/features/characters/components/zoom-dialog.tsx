import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import type { CharacterRef } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import { POSE_LABEL } from '../pose-labels';

interface ZoomDialogProps {
  refs: CharacterRef[];
  index: number | null;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}

/** One ref, large. Left/Right move between poses; Escape closes (native <dialog>). */
export function ZoomDialog({ refs, index, onIndexChange, onClose }: ZoomDialogProps) {
  const open = index !== null && refs[index] !== undefined;

  const dialogRef = useModalDialog(open);

  const current = index !== null ? refs[index] : undefined;
  const step = (delta: number) => {
    if (index === null || refs.length === 0) return;
    onIndexChange((index + delta + refs.length) % refs.length);
  };
  const label = current ? POSE_LABEL[current.pose] : '';

  return (
    <dialog
      ref={dialogRef}
      aria-label={current ? `${label} pose, ${(index ?? 0) + 1} of ${refs.length}` : 'Pose viewer'}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') step(1);
        if (event.key === 'ArrowLeft') step(-1);
      }}
      className="m-auto max-h-[95vh] w-[min(56rem,calc(100vw-1rem))] rounded-xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/70"
    >
      {current && (
        <div className="flex flex-col gap-3 p-4">
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-lg font-semibold text-slate-900">
              {label} <span className="text-sm font-normal text-slate-700">({(index ?? 0) + 1} of {refs.length})</span>
            </h2>
            <Button variant="ghost" onClick={onClose} autoFocus>
              Close
            </Button>
          </div>
          <img src={current.url} alt={`${label} pose, large`} className="max-h-[75vh] w-full rounded-lg bg-slate-100 object-contain" />
          <div className="flex justify-between">
            <Button variant="secondary" onClick={() => step(-1)} disabled={refs.length < 2}>
              ← Previous
            </Button>
            <Button variant="secondary" onClick={() => step(1)} disabled={refs.length < 2}>
              Next →
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
