import { cva } from 'class-variance-authority';
import { memo, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { toneText } from '../../../components/ui/notice';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { Skeleton } from '../../../components/ui/skeleton';
import { formatBytes } from '../../../lib/i18n/format';
import { ACCEPT_ATTRIBUTE } from '../file-rules';
import { messages } from '../messages';
import { rowMessages } from '../row-messages';
import { adjustmentNote, rowState, rowStateLabel, type RowState } from '../row-state';
import type { UploadItem } from '../upload-machine';
import { useItemProgress, useUploadActions } from '../upload-store';
import { PoseBadge } from './pose-badge';

const rowVariants = cva('flex min-w-0 gap-3 rounded-xl border bg-surface p-3', {
  variants: {
    tone: {
      normal: 'border-line',
      warning: 'border-warning-line ring-1 ring-warning-line',
      danger: 'border-danger-line',
    },
  },
  defaultVariants: { tone: 'normal' },
});

const STATE_TEXT: Record<RowState['kind'], string> = {
  preparing: 'text-fg-muted',
  waiting: 'text-fg-muted',
  uploading: 'text-fg-muted',
  retrying: 'font-medium text-warning-fg',
  'waiting-for-api': 'text-warning-fg',
  classifying: 'text-fg-muted',
  classified: 'font-medium text-success-fg',
  failed: 'font-medium text-danger-fg',
  'needs-file': 'font-medium text-warning-fg',
};

const BUSY: ReadonlySet<RowState['kind']> = new Set(['preparing', 'uploading', 'classifying']);

/** A small turning ring beside a stage that is in progress (still, for reduced motion). */
function Spinner() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3 shrink-0 motion-safe:animate-spin">
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
      <path d="M8 2a6 6 0 0 1 6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** After a reload, the browser no longer has the file: ask for it, by name. */
function ChooseAgain({ item }: { item: UploadItem }) {
  const { fileReselected } = useUploadActions();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <p className={toneText({ tone: 'warning' })}>{rowMessages.item.reloaded}</p>
      <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
        {rowMessages.item.chooseAgain(item.name)}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT_ATTRIBUTE}
        aria-label={rowMessages.item.chooseAgain(item.name)}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) fileReselected(item.id, file);
        }}
      />
    </div>
  );
}

/** The row's time, ticking only while a retry or a wait counts down (so idle rows never re-render). */
function useRowNow(counting: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!counting) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [counting]);
  return now;
}

/**
 * One file in the queue: thumbnail (a larger preview on click), name, size, its one state
 * (preparing → uploading → classifying → pose badge; a retry being waited for, with "Retry now";
 * or what went wrong and the way out), what was done to the photo before sending, and Remove.
 *
 * Memoised: a progress tick changes no item, only this row's own progress (read here by id), so
 * the list and the other rows skip the render.
 */
export const UploadItemRow = memo(function UploadItemRow({
  item,
  highlighted,
  onPreview,
}: {
  item: UploadItem;
  highlighted: boolean;
  onPreview: (item: UploadItem) => void;
}) {
  const { itemRemoved, retryRequested } = useUploadActions();
  const { stage } = item;
  const progress = useItemProgress(item.id);
  const now = useRowNow(progress.retry !== null);
  const state = rowState(item, progress, now);
  const note = adjustmentNote(item);
  const tone = state.kind === 'failed' ? 'danger' : highlighted ? 'warning' : 'normal';
  return (
    <li aria-label={item.name} className={rowVariants({ tone })}>
      <div className="size-16 shrink-0 overflow-hidden rounded-lg bg-surface-strong sm:size-20">
        {item.thumbnailUrl ? (
          <button
            type="button"
            onClick={() => onPreview(item)}
            aria-label={rowMessages.item.preview(item.name)}
            className="size-full cursor-zoom-in focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus"
          >
            <img src={item.thumbnailUrl} alt="" className="size-full object-cover" />
          </button>
        ) : (
          <Skeleton className="size-full rounded-none" />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="min-w-0">
          <p className="truncate font-medium text-fg" title={item.name}>
            {item.name}
          </p>
          <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-fg-muted">
            <span>{formatBytes(item.size)}</span>
            <span aria-hidden="true">·</span>
            <span className={cn('inline-flex items-center gap-1', STATE_TEXT[state.kind])}>
              {BUSY.has(state.kind) && <Spinner />}
              {rowStateLabel(state)}
            </span>
          </p>
          {note && <p className="mt-0.5 text-xs text-fg-muted">{note}</p>}
        </div>
        {state.kind === 'uploading' && (
          <ProgressBar
            value={state.fraction * 100}
            label={rowMessages.item.uploadingLabel(item.name)}
            valueText={messages.queue.sentOfTotal(formatBytes(progress.loaded), formatBytes(item.size))}
          />
        )}
        {state.kind === 'retrying' && <p className={toneText({ tone: 'warning' })}>{state.reason}</p>}
        {stage.phase === 'needs-file' && <ChooseAgain item={item} />}
        {state.kind === 'failed' && <p className={toneText({ tone: 'danger' })}>{state.message}</p>}
        {/* The actions sit last, so the name above has the row's whole width on a phone. */}
        <div className="mt-auto flex flex-wrap items-center gap-2">
          {stage.phase === 'classified' && <PoseBadge pose={stage.pose} confidence={stage.confidence} />}
          <div className="ml-auto flex gap-1">
            {state.kind === 'retrying' && progress.retry?.wake && (
              <Button variant="secondary" size="sm" onClick={progress.retry.wake} aria-label={rowMessages.item.retryNowLabel(item.name)}>
                {rowMessages.item.retryNow}
              </Button>
            )}
            {state.kind === 'failed' && (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => retryRequested(item.id)}
                aria-label={rowMessages.item.retryLabel(item.name)}
              >
                {rowMessages.item.retry}
              </Button>
            )}
            <Button
              variant="ghost"
              size="sm"
              className="-mr-1"
              onClick={() => itemRemoved(item.id)}
              aria-label={rowMessages.item.removeLabel(item.name)}
            >
              {rowMessages.item.remove}
            </Button>
          </div>
        </div>
      </div>
    </li>
  );
});
