/**
 * The one state an upload row shows, from its item's phase and its progress (bytes sent, a retry
 * being waited for): never "Uploading 100 %" beside "Retrying in 4 s", never a failure that
 * promises a retry. Pure, so every combination is tested; the rows' words for it are here too.
 */
import { formatBytes, formatMinutes, formatPercent, formatSeconds } from '../../lib/i18n/format';
import { messages as apiMessages } from '../../lib/aurous/messages';
import { FORMAT_NAME, MAX_FILE_BYTES } from './file-rules';
import { messages } from './messages';
import { rowMessages } from './row-messages';
import { uploadedFraction } from './upload-summary';
import type { UploadItem } from './upload-machine';
import type { ItemProgress } from './upload-store';

export type RowState =
  | { kind: 'preparing' | 'waiting' | 'classifying' | 'classified' | 'needs-file' }
  | { kind: 'uploading'; fraction: number }
  /** Waiting before an automatic retry: how long, why, and which try it leads to. */
  | { kind: 'retrying'; seconds: number; reason: string; tries: { next: number; of: number } | null }
  /** Queued behind the team's rate budget (not a failure, no try used up). */
  | { kind: 'waiting-for-api'; seconds: number }
  | { kind: 'failed'; message: string };

export function rowState(item: UploadItem, { loaded, retry }: ItemProgress, now: number): RowState {
  const { stage } = item;
  // A retry wait belongs to work in flight; once the phase moves on it is cleared with the progress.
  if (retry && (stage.phase === 'uploading' || stage.phase === 'classifying')) {
    const seconds = Math.max(0, Math.ceil((retry.until - now) / 1000));
    if (retry.waiting) return { kind: 'waiting-for-api', seconds };
    return { kind: 'retrying', seconds, reason: retry.reason, tries: retry.tries ?? null };
  }
  switch (stage.phase) {
    case 'uploading':
      return { kind: 'uploading', fraction: uploadedFraction(loaded, item.size) };
    case 'failed':
      return { kind: 'failed', message: stage.message };
    default:
      return { kind: stage.phase };
  }
}

/** The state in a few words, beside the file's size. */
export function rowStateLabel(state: RowState): string {
  switch (state.kind) {
    case 'preparing':
      return messages.stage.preparing;
    case 'waiting':
      return messages.stage.waiting;
    case 'uploading':
      return messages.stage.uploading(formatPercent(state.fraction));
    case 'retrying':
      if (!state.tries) return state.seconds > 0 ? formatSeconds(state.seconds) : messages.stage.waiting;
      return state.seconds > 0
        ? rowMessages.item.retryingIn(formatSeconds(state.seconds), state.tries.next, state.tries.of)
        : rowMessages.item.retryingNow(state.tries.next, state.tries.of);
    case 'waiting-for-api':
      return apiMessages.retrying.waitingForApi(state.seconds > 0 ? formatSeconds(state.seconds) : undefined);
    case 'classifying':
      return messages.stage.classifying;
    case 'classified':
      return messages.stage.classified;
    case 'failed':
      return messages.stage.failed;
    case 'needs-file':
      return messages.stage.needsFile;
  }
}

/** What the browser did to the photo before sending it, in a sentence or two; null when nothing. */
export function adjustmentNote({ adjusted, size, contentType }: Pick<UploadItem, 'adjusted' | 'size' | 'contentType'>): string | null {
  if (!adjusted) return null;
  const { converted, rotated, shrunk, renamedFrom, originalSize } = adjusted;
  const notes: string[] = [];
  if (renamedFrom) notes.push(rowMessages.adjusted.renamed(FORMAT_NAME[renamedFrom], FORMAT_NAME[contentType]));
  if (converted) notes.push(rowMessages.adjusted.converted(formatBytes(originalSize), formatBytes(size)));
  if (rotated) notes.push(rowMessages.adjusted.rotated);
  if (shrunk) {
    const pixels = (side: [number, number]) => `${side[0]} × ${side[1]}`;
    // In bytes when the photo was over the byte limit; else (or after a HEIC conversion, whose sizes are said) in pixels.
    // A 1.3 MB photo 6000 px wide also comes out smaller in bytes, but its bytes were never the trouble.
    notes.push(
      !converted && originalSize > MAX_FILE_BYTES
        ? rowMessages.adjusted.shrunk(formatBytes(originalSize), formatBytes(size))
        : rowMessages.adjusted.shrunkPixels(pixels(shrunk.from), pixels(shrunk.to)),
    );
  }
  return notes.length ? notes.join(' ') : null;
}

/** Bytes a second over the samples ([time ms, bytes sent so far], oldest first); null until there is a span to measure. */
export function transferRate(samples: readonly (readonly [number, number])[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last[0] - first[0] < 900) return null;
  return Math.max(0, (last[1] - first[1]) / ((last[0] - first[0]) / 1000));
}

/** "1.2 MB/s · about 5 sec left" for the total, or null while there is no rate to tell. */
export function speedAndRemaining(rate: number | null, sent: number, total: number): string | null {
  if (rate === null || rate <= 0 || sent >= total) return null;
  const seconds = Math.ceil((total - sent) / rate);
  const left = seconds >= 90 ? formatMinutes(Math.round(seconds / 60)) : formatSeconds(seconds);
  return `${rowMessages.total.speed(formatBytes(rate))} · ${rowMessages.total.remaining(left)}`;
}
