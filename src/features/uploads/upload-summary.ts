/** Facts derived from the queue for the page: never stored, always computed. */
import type { UploadItem } from './upload-store';

export function totalBytes(items: readonly UploadItem[]) {
  let total = 0;
  let sent = 0;
  for (const item of items) {
    total += item.size;
    if (item.uploadedId) sent += item.size;
    else if (item.stage.phase === 'uploading') sent += item.stage.loaded;
  }
  return { total, sent };
}

export function duplicateFronts(items: readonly UploadItem[]): UploadItem[] {
  const fronts = items.filter((item) => item.stage.phase === 'classified' && item.stage.pose === 'front');
  return fronts.length >= 2 ? fronts : [];
}

/** Why "Create character" cannot be pressed yet, or null when it can. */
export function createBlocker(items: readonly UploadItem[]): string | null {
  if (items.length === 0) return 'Add at least one reference image.';
  const missing = items.filter((item) => item.stage.phase === 'needs-file').length;
  if (missing) return `Choose ${missing === 1 ? '1 file' : `${missing} files`} again (${missing === 1 ? 'its upload was' : 'their uploads were'} interrupted by a reload) or remove ${missing === 1 ? 'it' : 'them'}.`;
  const failed = items.filter((item) => item.stage.phase === 'failed').length;
  if (failed) return `Retry or remove ${failed === 1 ? 'the failed upload' : `the ${failed} failed uploads`} first.`;
  const busy = items.filter((item) => item.stage.phase !== 'classified').length;
  if (busy) return `Wait for ${busy === 1 ? '1 upload' : `${busy} uploads`} to finish.`;
  return null;
}

export function stageLabel(item: UploadItem): string {
  switch (item.stage.phase) {
    case 'preparing':
      return 'Preparing';
    case 'waiting':
      return 'Waiting';
    case 'uploading':
      return `Uploading ${Math.floor((item.stage.loaded / Math.max(1, item.size)) * 100)}%`;
    case 'classifying':
      return 'Classifying';
    case 'classified':
      return 'Classified';
    case 'failed':
      return 'Failed';
    case 'needs-file':
      return 'Choose the file again';
  }
}
