import { useEffect, useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { dialogVariants } from '../../../components/ui/variants';
import { formatBytes } from '../../../lib/i18n/format';
import { adjustmentNote } from '../row-state';
import { rowMessages } from '../row-messages';
import type { UploadItem } from '../upload-machine';
import { PoseBadge } from './pose-badge';

/** The image a row stands for, large: the file itself while the browser still has it, else its thumbnail. */
function useImageUrl(item: UploadItem | null): string | null {
  const file = item && 'file' in item.stage ? item.stage.file : null;
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url ?? item?.thumbnailUrl ?? null;
}

/** A larger look at one added image (Escape or Close ends it; focus returns to the row's thumbnail). */
export function UploadPreviewDialog({ item, onClose }: { item: UploadItem | null; onClose: () => void }) {
  const dialog = useModalDialog(item !== null, onClose);
  const url = useImageUrl(item);
  const note = item ? adjustmentNote(item) : null;
  return (
    <dialog {...dialog} aria-label={item ? rowMessages.item.previewTitle(item.name) : undefined} className={dialogVariants({ size: 'lg' })}>
      {item && (
        <div className="flex flex-col gap-3 p-3 sm:p-4">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <h2 className="text-lg font-semibold break-words text-fg">{item.name}</h2>
              <p className="text-sm text-fg-muted">
                {formatBytes(item.size)}
                {note ? ` · ${note}` : ''}
              </p>
            </div>
            <Button variant="ghost" onClick={onClose} autoFocus>
              {rowMessages.item.close}
            </Button>
          </div>
          {url && <img src={url} alt="" className="max-h-[72dvh] w-full rounded-lg bg-surface-muted object-contain" />}
          {item.stage.phase === 'classified' && (
            <div>
              <PoseBadge pose={item.stage.pose} confidence={item.stage.confidence} />
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
