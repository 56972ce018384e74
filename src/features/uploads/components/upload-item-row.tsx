import { cva } from 'class-variance-authority';
import { memo, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { toneText } from '../../../components/ui/notice';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { Skeleton } from '../../../components/ui/skeleton';
import { formatBytes, formatSeconds } from '../../../lib/i18n/format';
import { useNow } from '../../../lib/use-now';
import { ACCEPT_ATTRIBUTE } from '../file-rules';
import { messages } from '../messages';
import { messages as aurousMessages } from '../../../lib/aurous/messages';
import { stageLabel, uploadedFraction } from '../upload-summary';
import type { UploadItem, UploadPhase } from '../upload-machine';
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

const STAGE_TEXT: Record<UploadPhase, string> = {
  preparing: 'text-fg-muted',
  waiting: 'text-fg-muted',
  uploading: 'text-fg-muted',
  classifying: 'text-fg-muted',
  classified: 'font-medium text-success-fg',
  failed: 'font-medium text-danger-fg',
  'needs-file': 'font-medium text-warning-fg',
};

const BUSY: ReadonlySet<UploadPhase> = new Set(['preparing', 'uploading', 'classifying']);

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
      <p className={toneText({ tone: 'warning' })}>{messages.item.reloaded}</p>
      <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
        {messages.item.chooseAgain(item.name)}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT_ATTRIBUTE}
        aria-label={messages.item.chooseAgain(item.name)}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) fileReselected(item.id, file);
        }}
      />
    </div>
  );
}

function RetryNotice({ until, reason, waiting }: { until: number; reason: string; waiting?: boolean | undefined }) {
  const now = useNow(500);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  if (waiting) {
    return (
      <p className={toneText({ tone: 'warning' })}>
        {aurousMessages.retrying.waitingForApi(seconds > 0 ? formatSeconds(seconds) : undefined)}
      </p>
    );
  }
  return (
    <p className={toneText({ tone: 'warning' })}>
      {seconds > 0 ? messages.item.retryingIn(formatSeconds(seconds), reason) : messages.item.retryingNow(reason)}
    </p>
  );
}

/**
 * One file in the queue: thumbnail, name, size, where it is (preparing → uploading → classifying
 * → pose badge, or what went wrong and the way out), and Remove.
 *
 * Memoised: a progress tick changes no item, only this row's own progress (read here by id), so
 * the list and the other rows skip the render.
 */
export const UploadItemRow = memo(function UploadItemRow({ item, highlighted }: { item: UploadItem; highlighted: boolean }) {
  const { itemRemoved, retryRequested } = useUploadActions();
  const { stage } = item;
  const { loaded, retry } = useItemProgress(item.id);
  const tone = stage.phase === 'failed' ? 'danger' : highlighted ? 'warning' : 'normal';
  return (
    <li aria-label={item.name} className={rowVariants({ tone })}>
      <div className="size-16 shrink-0 overflow-hidden rounded-lg bg-surface-strong sm:size-20">
        {item.thumbnailUrl ? (
          <img src={item.thumbnailUrl} alt="" className="size-full object-cover" />
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
            <span className={cn('inline-flex items-center gap-1', STAGE_TEXT[stage.phase])}>
              {BUSY.has(stage.phase) && <Spinner />}
              {stageLabel(item, loaded)}
            </span>
          </p>
        </div>
        {stage.phase === 'uploading' && (
          <ProgressBar
            value={uploadedFraction(loaded, item.size) * 100}
            label={messages.item.uploadingLabel(item.name)}
            valueText={messages.queue.sentOfTotal(formatBytes(loaded), formatBytes(item.size))}
          />
        )}
        {retry && <RetryNotice until={retry.until} reason={retry.reason} waiting={retry.waiting} />}
        {stage.phase === 'needs-file' && <ChooseAgain item={item} />}
        {stage.phase === 'failed' && <p className={toneText({ tone: 'danger' })}>{stage.message}</p>}
        {/* The actions sit last, so the name above has the row's whole width on a phone. */}
        <div className="mt-auto flex flex-wrap items-center gap-2">
          {stage.phase === 'classified' && <PoseBadge pose={stage.pose} confidence={stage.confidence} />}
          <div className="ml-auto flex gap-1">
            {stage.phase === 'failed' && (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => retryRequested(item.id)}
                aria-label={messages.item.retryLabel(item.name)}
              >
                {messages.item.retry}
              </Button>
            )}
            <Button
              variant="ghost"
              size="sm"
              className="-mr-1"
              onClick={() => itemRemoved(item.id)}
              aria-label={messages.item.removeLabel(item.name)}
            >
              {messages.item.remove}
            </Button>
          </div>
        </div>
      </div>
    </li>
  );
});
