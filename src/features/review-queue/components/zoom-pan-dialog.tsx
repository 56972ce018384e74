import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { CharacterRef } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { dialogVariants } from '../../../components/ui/variants';
import { useSwipe } from '../../../lib/swipe';
import { isBoundTo } from '../keymap';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';

interface ZoomPanDialogProps {
  subject: { name: string; ref: CharacterRef } | null;
  /** The zoom action's keys, as mapped now: pressing one again closes the dialog. */
  closeKeys: readonly string[];
  /** Whether there is a pose before / after this one to step to. */
  canStep: { previous: boolean; next: boolean };
  onStep: (step: 1 | -1) => void;
  onClose: () => void;
}

type Zoom = 'actual' | 'fit';

/**
 * One pose at 1:1 (its natural pixel size) in a scrolling pane: the arrow keys, Page Up/Down, a
 * mouse drag or a finger pan it. "Fit" shows the whole pose instead; then a sideways swipe (or
 * the previous/next buttons) steps to the pose before or after. Escape, or the zoom key again,
 * closes it.
 */
export function ZoomPanDialog({ subject, closeKeys, canStep, onStep, onClose }: ZoomPanDialogProps) {
  const open = subject !== null;
  const [zoom, setZoom] = useState<Zoom>('actual');
  const close = () => {
    setZoom('actual'); // the next zoom opens at 1:1 again
    onClose();
  };
  const dialog = useModalDialog(open, close);
  const swipe = useSwipe((direction) => {
    const step = direction === 'left' ? 1 : -1;
    if (step === 1 ? canStep.next : canStep.previous) onStep(step);
  }, zoom === 'fit');
  const drag = useDragToPan(zoom === 'actual');
  // The pane takes the focus when the dialog opens, so the arrow keys pan at once.
  const paneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) paneRef.current?.focus();
  }, [open]);

  const pose = subject ? apiMessages.poseName[subject.ref.pose] : '';
  const label = subject
    ? zoom === 'actual'
      ? messages.zoomActualTitle(subject.name, pose)
      : messages.zoomFitTitle(subject.name, pose)
    : messages.zoomFallback;
  return (
    <dialog
      {...dialog}
      aria-label={label}
      onKeyDown={(event) => {
        if (!isBoundTo(closeKeys, event)) return;
        // Handled: the queue's key handler, which runs after the dialog has closed, must not reopen it.
        event.preventDefault();
        close();
      }}
      className={dialogVariants({ size: 'xl' })}
    >
      {subject && (
        <div className="flex h-full flex-col gap-2 p-2 sm:p-3">
          <div className="flex items-start justify-between gap-2">
            <h2 className="min-w-0 text-base font-semibold break-words sm:text-lg">{label}</h2>
            <Button variant="ghost" size="sm" onClick={close}>
              {messages.close}
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" size="sm" onClick={() => onStep(-1)} disabled={!canStep.previous}>
              {messages.previousPose}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => onStep(1)} disabled={!canStep.next}>
              {messages.nextPose}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              aria-label={zoom === 'actual' ? messages.fitName : messages.actualSizeName}
              onClick={() => setZoom(zoom === 'actual' ? 'fit' : 'actual')}
            >
              {zoom === 'actual' ? messages.fit : messages.actualSize}
            </Button>
          </div>
          <div
            ref={paneRef}
            tabIndex={0}
            role="region"
            aria-label={zoom === 'actual' ? messages.zoomActualRegion : messages.zoomFitRegion}
            {...(zoom === 'fit' ? swipe : drag)}
            className={cn(
              'min-h-0 flex-1 rounded-lg bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus',
              zoom === 'actual' ? 'cursor-grab overflow-auto active:cursor-grabbing' : 'touch-pan-y touch-pinch-zoom overflow-hidden',
            )}
          >
            {zoom === 'actual' ? (
              // Centred: a smaller image sits in the middle of the pane, a larger one opens scrolled to its middle.
              <div className="flex min-h-full w-max min-w-full">
                <img
                  src={subject.ref.url}
                  alt={messages.zoomImage(pose)}
                  draggable={false}
                  onLoad={(event) => centreIn(paneRef.current, event.currentTarget)}
                  className="m-auto max-w-none select-none"
                />
              </div>
            ) : (
              <img
                src={subject.ref.url}
                alt={messages.zoomImage(pose)}
                draggable={false}
                className="size-full object-contain select-none"
              />
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}

/** Scroll the pane so the middle of the image is in its middle. */
function centreIn(pane: HTMLElement | null, image: HTMLImageElement) {
  if (!pane || !image.naturalWidth) return;
  pane.scrollLeft = (pane.scrollWidth - pane.clientWidth) / 2;
  pane.scrollTop = (pane.scrollHeight - pane.clientHeight) / 2;
}

/** A mouse drag scrolls the pane (a finger already pans it natively, a pen too). */
function useDragToPan(enabled: boolean) {
  const from = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  return {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (!enabled || event.pointerType !== 'mouse' || event.button !== 0) return;
      const pane = event.currentTarget;
      from.current = { x: event.clientX, y: event.clientY, left: pane.scrollLeft, top: pane.scrollTop };
      pane.setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const start = from.current;
      if (!start) return;
      event.currentTarget.scrollLeft = start.left - (event.clientX - start.x);
      event.currentTarget.scrollTop = start.top - (event.clientY - start.y);
    },
    onPointerUp: () => {
      from.current = null;
    },
    onPointerCancel: () => {
      from.current = null;
    },
  };
}
