import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { formatBytes } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { duplicateFronts, totalBytes } from '../upload-summary';
import { useUploadProgress } from '../upload-store';
import type { UploadItem } from '../upload-machine';
import { DuplicateFrontWarning } from './duplicate-front-warning';
import { speedAndRemaining, transferRate } from '../row-state';
import { UploadItemRow } from './upload-item-row';
import { UploadPreviewDialog } from './upload-preview-dialog';

/** Bytes a second over the last few seconds while something is sending; null otherwise. */
function useTransferRate(sent: number, sending: boolean): number | null {
  const latest = useRef(sent);
  useEffect(() => {
    latest.current = sent;
  }, [sent]);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (!sending) return;
    const samples: [number, number][] = [[Date.now(), latest.current]];
    const timer = window.setInterval(() => {
      samples.push([Date.now(), latest.current]);
      if (samples.length > 6) samples.shift();
      setRate(transferRate(samples));
    }, 1000);
    return () => {
      window.clearInterval(timer);
      setRate(null);
    };
  }, [sending]);
  return sending ? rate : null;
}

/** The added images: overall progress, one row per file, and the duplicate-front warning. */
export function UploadQueue({ items }: { items: UploadItem[] }) {
  const headingId = useId();
  const fronts = duplicateFronts(items);
  const frontIds = new Set(fronts.map((item) => item.id));
  const progress = useUploadProgress();
  const { total, sent } = totalBytes(items, (id) => progress[id]?.loaded ?? 0);
  const sentOfTotal = messages.queue.sentOfTotal(formatBytes(sent), formatBytes(total));
  const rate = useTransferRate(
    sent,
    items.some((item) => item.stage.phase === 'uploading'),
  );
  const speed = speedAndRemaining(rate, sent, total);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = items.find((item) => item.id === previewId) ?? null;
  const openPreview = useCallback((item: UploadItem) => setPreviewId(item.id), []);
  return (
    <>
      <DuplicateFrontWarning fronts={fronts} />
      <section aria-labelledby={headingId} className="flex flex-col gap-3">
        <div className="flex flex-col gap-1.5">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <h2 id={headingId} className="text-lg font-semibold text-fg">
              {messages.queue.heading(items.length)}
            </h2>
            <span className="text-sm text-fg-muted tabular-nums">
              {sentOfTotal}
              {speed && ` · ${speed}`}
            </span>
          </div>
          <ProgressBar value={total ? (sent / total) * 100 : 0} label={messages.queue.totalLabel} valueText={sentOfTotal} />
        </div>
        <ul aria-label={messages.queue.listLabel} className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {items.map((item) => (
            <UploadItemRow key={item.id} item={item} highlighted={frontIds.has(item.id)} onPreview={openPreview} />
          ))}
        </ul>
        <UploadPreviewDialog item={preview} onClose={() => setPreviewId(null)} />
      </section>
    </>
  );
}

/** For the page that loads this module lazily: the queue as an element, not a component to hold. */
export function uploadQueueElement(items: UploadItem[]) {
  return <UploadQueue items={items} />;
}
