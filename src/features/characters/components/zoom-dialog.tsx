import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import type { CharacterRef } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import { dialogVariants } from '../../../components/ui/variants';
import { useSwipe } from '../../../lib/swipe';
import { messages } from '../messages';
import { POSE_LABEL } from '../pose-labels';

interface ZoomDialogProps {
  refs: CharacterRef[];
  index: number | null;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}

/** One ref, large. Left/Right (keys or a swipe) move between poses; Escape closes (native <dialog>). */
export function ZoomDialog({ refs, index, onIndexChange, onClose }: ZoomDialogProps) {
  const open = index !== null && refs[index] !== undefined;

  const dialog = useModalDialog(open, onClose);

  const current = index !== null ? refs[index] : undefined;
  const step = (delta: number) => {
    if (index === null || refs.length === 0) return;
    onIndexChange((index + delta + refs.length) % refs.length);
  };
  // Swiping left brings in the next pose, as in a photo viewer.
  const swipe = useSwipe((direction) => step(direction === 'left' ? 1 : -1), open && refs.length > 1);
  const label = current ? POSE_LABEL[current.pose] : '';
  const position = (index ?? 0) + 1;
  const total = refs.length;

  return (
    <dialog
      {...dialog}
      aria-label={current ? messages.zoomLabel(label, position, total) : messages.poseViewer}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') step(1);
        if (event.key === 'ArrowLeft') step(-1);
      }}
      className={dialogVariants({ size: 'lg' })}
    >
      {current && (
        <div className="flex flex-col gap-3 p-3 sm:p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold text-fg">
              {label} <span className="text-sm font-normal text-fg-muted">{messages.zoomCounter(position, total)}</span>
            </h2>
            <Button variant="ghost" onClick={onClose} autoFocus>
              {messages.close}
            </Button>
          </div>
          <img
            src={current.url}
            alt={messages.zoomAlt(label)}
            draggable={false}
            {...swipe}
            className="max-h-[70dvh] w-full touch-pan-y touch-pinch-zoom select-none rounded-lg bg-surface-muted object-contain"
          />
          {refs.length > 1 && <p className="hidden text-center text-xs text-fg-muted pointer-coarse:block">{messages.zoomSwipeHint}</p>}
          <div className="flex flex-wrap justify-between gap-2">
            <Button variant="secondary" onClick={() => step(-1)} disabled={refs.length < 2}>
              {messages.previous}
            </Button>
            <Button variant="secondary" onClick={() => step(1)} disabled={refs.length < 2}>
              {messages.next}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
