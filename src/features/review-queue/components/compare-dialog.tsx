import { useRef, useState, type UIEvent } from 'react';
import type { ShownVersion } from '../../../lib/aurous/pose-versions';
import { Button } from '../../../components/ui/button';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { dialogVariants } from '../../../components/ui/variants';
import { stepZoom, type CompareZoom } from '../compare-pair';
import { isBoundTo } from '../keymap';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';

interface CompareDialogProps {
  name: string;
  /** One pose's earlier version and its current one. */
  pair: [ShownVersion, ShownVersion] | null;
  /** The compare action's keys, as mapped now: pressing one again closes the dialog. */
  closeKeys: readonly string[];
  onClose: () => void;
}

const zoomLabel = (zoom: CompareZoom) => (zoom === 'fit' ? messages.fit : messages.zoomRatio(zoom));

/**
 * The old and the new of one pose side by side at one shared zoom (fit, 1:1, 2:1: + and − keys or the buttons);
 * scrolling either pane scrolls the other to the same place. Escape or the compare key closes. On a narrow
 * screen the panes stack, one above the other.
 */
export function CompareDialog({ name, pair, closeKeys, onClose }: CompareDialogProps) {
  const dialog = useModalDialog(pair !== null, onClose);
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

  const title = pair
    ? messages.compareTitle(name, apiMessages.poseName[pair[0].pose], pair[0].version, pair[1].version)
    : messages.compareFallback;
  return (
    <dialog
      {...dialog}
      aria-label={title}
      onKeyDown={(event) => {
        const key = event.key.toLowerCase();
        // The compare key first: a reviewer who mapped it to + still closes with it.
        if (isBoundTo(closeKeys, event)) onClose();
        else if (key === '+' || key === '=') setZoom((current) => stepZoom(current, 1));
        else if (key === '-' || key === '_') setZoom((current) => stepZoom(current, -1));
        else return;
        // Handled here: the queue's own key handler must not act on it too.
        event.preventDefault();
      }}
      className={dialogVariants({ size: 'xl' })}
    >
      {pair && (
        <div className="flex h-full flex-col gap-2 p-2 sm:p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="min-w-0 text-base font-semibold sm:text-lg">{title}</h2>
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" size="sm" onClick={() => setZoom((current) => stepZoom(current, -1))} disabled={zoom === 'fit'}>
                {messages.zoomOut}
              </Button>
              <span aria-live="polite" className="w-10 text-center text-sm text-fg-muted">
                {zoomLabel(zoom)}
              </span>
              <Button variant="secondary" size="sm" onClick={() => setZoom((current) => stepZoom(current, 1))} disabled={zoom === 2}>
                {messages.zoomIn}
              </Button>
              <Button variant="ghost" size="sm" onClick={onClose} autoFocus>
                {messages.close}
              </Button>
            </div>
          </div>
          <div className="grid min-h-0 flex-1 grid-cols-1 grid-rows-2 gap-2 sm:grid-cols-2 sm:grid-rows-1">
            {pair.map((shown, index) => {
              const label = messages.versionPane(apiMessages.poseName[shown.pose], shown.version, shown.current);
              return (
                <figure key={shown.version} className="flex min-h-0 flex-col gap-1">
                  <figcaption className="text-sm font-semibold text-fg">{label}</figcaption>
                  <div
                    ref={(element) => {
                      panes.current[index] = element;
                    }}
                    onScroll={onScroll(index)}
                    tabIndex={0}
                    role="region"
                    aria-label={label}
                    className="min-h-0 flex-1 overflow-auto rounded-lg bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus"
                  >
                    <img
                      src={shown.imageUrl ?? ''}
                      alt={messages.versionImage(apiMessages.poseName[shown.pose], shown.version)}
                      className={zoom === 'fit' ? 'h-full w-full object-contain' : 'max-w-none'}
                      style={zoom === 'fit' ? undefined : { width: `calc(var(--natural-width, 1024px) * ${zoom})` }}
                      onLoad={(event) => event.currentTarget.style.setProperty('--natural-width', `${event.currentTarget.naturalWidth}px`)}
                    />
                  </div>
                </figure>
              );
            })}
          </div>
        </div>
      )}
    </dialog>
  );
}
