import { Button } from '../../../components/ui/button';
import { Notice } from '../../../components/ui/notice';
import { formatList } from '../../../lib/i18n/format';
import { rowMessages } from '../row-messages';
import type { UploadItem } from '../upload-machine';
import { useUploadActions } from '../upload-store';

/**
 * Two fronts are allowed, but usually a mistake: the character gets one front view twice and no
 * view of another side. Say so, and why it matters, with a way out for each image.
 */
export function DuplicateFrontWarning({ fronts }: { fronts: UploadItem[] }) {
  const { itemRemoved } = useUploadActions();
  if (fronts.length < 2) return null;
  return (
    <Notice tone="warning" role="alert">
      <p className="font-semibold">{rowMessages.duplicateFront.title(fronts.length)}</p>
      <p className="mt-1 break-words">{rowMessages.duplicateFront.body(formatList(fronts.map((item) => item.name)), fronts.length)}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {fronts.map((item) => (
          <Button key={item.id} variant="secondary" size="sm" className="max-w-full" onClick={() => itemRemoved(item.id)}>
            <span className="min-w-0 truncate">{rowMessages.item.removeLabel(item.name)}</span>
          </Button>
        ))}
      </div>
    </Notice>
  );
}
