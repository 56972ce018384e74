import { useEffect, useState } from 'react';
import { MAX_REFS } from '../../../../contract/constants';
import { PageHeader } from '../../../components/ui/page-header';
import { retryingImport } from '../../../lib/retrying-import';
import { messages } from '../messages';
import { stageLabel } from '../upload-summary';
import type { UploadItem } from '../upload-machine';
import { useUploadItems, useUploadProgress } from '../upload-store';
import { CreateCharacterForm } from './create-character-form';
import { Dropzone } from './dropzone';
import { RefusalNotices } from './refusal-notices';
import { StageAnnouncer } from './stage-announcer';
import type * as QueueModule from './upload-queue';

// The queue's rows (thumbnails, progress, pose badges and their help) show only once files are
// added, so they are not part of the first screen's bytes: fetched now, in parallel with the
// first render, and again when back online if the connection dropped first. Rendered directly
// once here, not through React.lazy + Suspense: suspending on the first file swapped a hidden tree
// in and cost a 350-450 ms layout (the bench's smoothness figure).
const loadQueue = retryingImport(() => import('./upload-queue'));
let loadedQueue: typeof QueueModule | null = null;
void loadQueue().then(
  (module) => (loadedQueue = module),
  () => {},
);

function QueueSection({ items }: { items: UploadItem[] }) {
  const [queue, setQueue] = useState<typeof QueueModule | null>(() => loadedQueue);
  useEffect(() => {
    if (queue) return;
    let current = true;
    void loadQueue().then(
      (module) => current && setQueue(module),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [queue]);
  return queue ? queue.uploadQueueElement(items) : <PlainQueue items={items} />;
}

/** Until the rows' code is here: each file with where it stands, so nothing the user did is hidden. */
function PlainQueue({ items }: { items: UploadItem[] }) {
  const progress = useUploadProgress();
  return (
    <ul aria-label={messages.queue.listLabel} className="flex flex-col gap-2">
      {items.map((item) => (
        <li key={item.id} aria-label={item.name} className="rounded-xl border border-line bg-surface px-3 py-2 text-sm">
          <span className="font-medium text-fg">{item.name}</span>{' '}
          <span className="text-fg-muted">{messages.queue.plainStage(stageLabel(item, progress[item.id]?.loaded))}</span>
        </li>
      ))}
    </ul>
  );
}

export function UploadPage() {
  const items = useUploadItems();

  return (
    <div className="min-w-0">
      <PageHeader title={messages.page.title} description={messages.page.description(MAX_REFS)} />
      <div className="flex flex-col gap-5">
        <Dropzone count={items.length} />
        <RefusalNotices />
        {items.length > 0 && <QueueSection items={items} />}
        <CreateCharacterForm items={items} />
      </div>
      <StageAnnouncer />
    </div>
  );
}
