/** Facts derived from the queue for the page: never stored, always computed. */
import { formatPercent } from '../../lib/i18n/format';
import { messages } from './messages';
import { landedUpload, type UploadItem } from './upload-machine';

/** Landed bytes count in full, bytes in flight as sent so far (`loaded`: each item's progress). */
export function totalBytes(items: readonly UploadItem[], loaded: (id: string) => number) {
  let total = 0;
  let sent = 0;
  for (const item of items) {
    total += item.size;
    if (landedUpload(item)) sent += item.size;
    else if (item.stage.phase === 'uploading') sent += loaded(item.id);
  }
  return { total, sent };
}

export function duplicateFronts(items: readonly UploadItem[]): UploadItem[] {
  const fronts = items.filter((item) => item.stage.phase === 'classified' && item.stage.pose === 'front');
  return fronts.length >= 2 ? fronts : [];
}

/** Why "Create character" cannot be pressed yet, or null when it can. */
export function createBlocker(items: readonly UploadItem[]): string | null {
  if (items.length === 0) return messages.blocker.noImages;
  const missing = items.filter((item) => item.stage.phase === 'needs-file').length;
  if (missing) return messages.blocker.needsFile(missing);
  const failed = items.filter((item) => item.stage.phase === 'failed').length;
  if (failed) return messages.blocker.failed(failed);
  const busy = items.filter((item) => item.stage.phase !== 'classified').length;
  if (busy) return messages.blocker.busy(busy);
  return null;
}

/** The fraction of an item's bytes sent, rounded down so "100%" means every byte is there. */
export function uploadedFraction(loaded: number, size: number): number {
  return Math.floor((loaded / Math.max(1, size)) * 100) / 100;
}

/** `loaded`: the bytes sent so far, while uploading. */
export function stageLabel(item: UploadItem, loaded = 0): string {
  switch (item.stage.phase) {
    case 'preparing':
      return messages.stage.preparing;
    case 'waiting':
      return messages.stage.waiting;
    case 'uploading':
      return messages.stage.uploading(formatPercent(uploadedFraction(loaded, item.size)));
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
