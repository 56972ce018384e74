import { useRef, useState, type UIEvent } from 'react';
import type { CharacterRef } from '../../../../contract/aurous';
import { Button } from '../../../components/ui/button';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { POSE_LABEL } from '../../characters/pose-labels';
import { stepZoom, type CompareZoom } from '../compare-pair';

interface CompareDialogProps {
  name: string;
  pair: [CharacterRef, CharacterRef] | null;
  onClose: () => void;
}

const zoomLabel = (zoom: CompareZoom) => (zoom === 'fit' ? 'Fit' : `${zoom}:1`);

/**
 * Two poses side by side at one shared zoom (fit, 1:1, 2:1: + and − keys or the buttons);
 * scrolling either pane scrolls the other to the same place. Escape or C closes.
 */
export function CompareDialog({ name, pair, onClose }: CompareDialogProps) {
  const dialogRef = useModalDialog(pair !== null);
  const [zoom, setZoom] = useState<CompareZoom>('fit');
  const panes = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);

  const onScroll = (index: number) => (event: UIEvent<HTMLDivElement>) => {
    if (syncing.current) return;
    const other = panes.current[1 - index];
    if (!other) return;
    syncing.current = true;
    other.scrollTop = event.currentTarget.scrollTop;
    other.scrollLeft = event.currentTarget.scrollLeft;
    requestAnimationFrame(() => (syncing.current = false));
  };

  const title = pair ? `${name}: ${POSE_LABEL[pair[0].pose]} and ${POSE_LABEL[pair[1].pose]} side by side` : 'Compare';
  return (
    <dialog
      ref={dialogRef}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        const key = event.key.toLowerCase();
        if (key === '+' || key === '=') setZoom((current) => stepZoom(current, 1));
        else if (key === '-' || key === '_') setZoom((current) => stepZoom(current, -1));
        else if (key === 'c' && !event.ctrlKey && !event.metaKey) onClose();
        else return;
        // Handled here: the queue's own key handler must not act on it too.
        event.preventDefault();
      }}
      className="m-auto h-[92vh] w-[min(80rem,calc(100vw-1rem))] rounded-xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/70"
    >
      {pair && (
        <div className="flex h-full flex-col gap-2 p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
            <div className="flex items-center gap-2">
              <Button variant="secondary" size="sm" onClick={() => setZoom((current) => stepZoom(current, -1))} disabled={zoom === 'fit'}>
                Zoom out
              </Button>
              <span aria-live="polite" className="w-10 text-center text-sm text-slate-700">
                {zoomLabel(zoom)}
              </span>
              <Button variant="secondary" size="sm" onClick={() => setZoom((current) => stepZoom(current, 1))} disabled={zoom === 2}>
                Zoom in
              </Button>
              <Button variant="ghost" onClick={onClose} autoFocus>
                Close
              </Button>
            </div>
          </div>
          <div className="grid min-h-0 flex-1 grid-cols-2 gap-2">
            {pair.map((ref, index) => (
              <div
                key={ref.pose}
                ref={(element) => {
                  panes.current[index] = element;
                }}
                onScroll={onScroll(index)}
                tabIndex={0}
                role="region"
                aria-label={`${POSE_LABEL[ref.pose]} pane`}
                className="min-h-0 overflow-auto rounded-lg bg-slate-100 focus-visible:outline-2 focus-visible:outline-accent"
              >
                <img
                  src={ref.url}
                  alt={`${POSE_LABEL[ref.pose]} pose`}
                  className={zoom === 'fit' ? 'h-full w-full object-contain' : 'max-w-none'}
                  style={zoom === 'fit' ? undefined : { width: `calc(var(--natural-width, 1024px) * ${zoom})` }}
                  onLoad={(event) => event.currentTarget.style.setProperty('--natural-width', `${event.currentTarget.naturalWidth}px`)}
                />
              </div>
            ))}
          </div>
        </div>
      )}
    </dialog>
  );
}
