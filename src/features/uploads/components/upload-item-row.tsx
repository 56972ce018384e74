import { ProgressBar } from '../../../components/ui/progress-bar';
import { Button } from '../../../components/ui/button';
import { formatBytes } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { memo, useRef } from 'react';
import { ACCEPT_ATTRIBUTE } from '../file-rules';
import { stageLabel } from '../upload-summary';
import { useUploadActions, type UploadItem } from '../upload-store';
import { PoseBadge } from './pose-badge';

/** After a reload, the browser no longer has the file: ask for it, by name. */
function ChooseAgain({ item }: { item: UploadItem }) {
  const { fileReselected } = useUploadActions();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="text-sm text-slate-700">The page was reloaded before this file was sent.</p>
      <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
        Choose {item.name} again
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT_ATTRIBUTE}
        aria-label={`Choose ${item.name} again`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) fileReselected(item.id, file);
        }}
      />
    </div>
  );
}

function RetryNotice({ until, reason }: { until: number; reason: string }) {
  const now = useNow(500);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <p className="text-sm text-amber-900">
      {seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying…'} — {reason}
    </p>
  );
}

/**
 * Memoised: a progress tick replaces only its own item object, so the other rows keep their props
 * and skip the render.
 */
export const UploadItemRow = memo(function UploadItemRow({ item, highlighted }: { item: UploadItem; highlighted: boolean }) {
  const { itemRemoved, retryRequested } = useUploadActions();
  const { stage } = item;
  return (
    <li
      aria-label={item.name}
      className={`flex gap-3 rounded-xl border bg-white p-3 ${highlighted ? 'border-amber-400' : 'border-slate-200'}`}
    >
      <div className="size-20 shrink-0 overflow-hidden rounded-lg bg-slate-100">
        {item.thumbnailUrl ? (
          <img src={item.thumbnailUrl} alt="" className="size-full object-cover" />
        ) : (
          <div className="size-full animate-pulse bg-slate-200" aria-hidden="true" />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="truncate font-medium text-slate-900" title={item.name}>
              {item.name}
            </p>
            <p className="text-xs text-slate-700">
              {formatBytes(item.size)} · <span>{stageLabel(item)}</span>
            </p>
          </div>
          <Button variant="ghost" size="sm" onClick={() => itemRemoved(item.id)} aria-label={`Remove ${item.name}`}>
            Remove
          </Button>
        </div>
        {stage.phase === 'uploading' && (
          <ProgressBar
            value={(stage.loaded / Math.max(1, item.size)) * 100}
            label={`Uploading ${item.name}`}
            valueText={`${formatBytes(stage.loaded)} of ${formatBytes(item.size)}`}
          />
        )}
        {item.retry && <RetryNotice until={item.retry.until} reason={item.retry.reason} />}
        {stage.phase === 'classified' && <PoseBadge pose={stage.pose} confidence={stage.confidence} />}
        {stage.phase === 'needs-file' && <ChooseAgain item={item} />}
        {stage.phase === 'failed' && (
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-sm text-red-800">{stage.message}</p>
            <Button variant="secondary" size="sm" onClick={() => retryRequested(item.id)} aria-label={`Retry ${item.name}`}>
              Retry
            </Button>
          </div>
        )}
      </div>
    </li>
  );
});
