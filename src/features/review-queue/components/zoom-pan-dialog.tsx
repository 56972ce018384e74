import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import type { CharacterRef } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import { POSE_LABEL } from '../../characters/pose-labels';

interface ZoomPanDialogProps {
  subject: { name: string; ref: CharacterRef } | null;
  onClose: () => void;
}

/**
 * One pose at 1:1 (its natural pixel size) in a scrolling pane: the arrow keys, Page Up/Down
 * and the mouse pan it. Escape, or the zoom key again, closes it.
 */
export function ZoomPanDialog({ subject, onClose }: ZoomPanDialogProps) {
  const open = subject !== null;

  const dialogRef = useModalDialog(open);

  const label = subject ? `${subject.name}: ${POSE_LABEL[subject.ref.pose]} pose at 1:1` : 'Zoom';
  return (
    <dialog
      ref={dialogRef}
      aria-label={label}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key.toLowerCase() !== 'z' || event.ctrlKey || event.metaKey) return;
        // Handled: the queue's key handler, which runs after the dialog has closed, must not reopen it.
        event.preventDefault();
        onClose();
      }}
      className="m-auto h-[92vh] w-[min(72rem,calc(100vw-1rem))] rounded-xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/70"
    >
      {subject && (
        <div className="flex h-full flex-col gap-2 p-3">
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-lg font-semibold text-slate-900">{label}</h2>
            <Button variant="ghost" onClick={onClose}>
              Close
            </Button>
          </div>
          <div
            tabIndex={0}
            autoFocus
            role="region"
            aria-label="Zoomed pose; pan with the arrow keys"
            className="min-h-0 flex-1 overflow-auto rounded-lg bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <img src={subject.ref.url} alt={`${POSE_LABEL[subject.ref.pose]} pose, full size`} className="max-w-none" />
          </div>
        </div>
      )}
    </dialog>
  );
}
