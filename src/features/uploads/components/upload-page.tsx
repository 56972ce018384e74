import { useEffect, useId } from 'react';
import { MAX_REFS } from '../../../../contract/constants';
import { PageHeader } from '../../../components/ui/page-header';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { formatBytes } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { startUploadRunner } from '../upload-runner';
import { duplicateFronts, totalBytes } from '../upload-summary';
import { useUploadItems } from '../upload-store';
import { CreateCharacterForm } from './create-character-form';
import { Dropzone } from './dropzone';
import { DuplicateFrontWarning } from './duplicate-front-warning';
import { RefusalNotices } from './refusal-notices';
import { StageAnnouncer } from './stage-announcer';
import { UploadItemRow } from './upload-item-row';

export function UploadPage() {
  const items = useUploadItems();
  const headingId = useId();
  useEffect(() => startUploadRunner(), []);
  const fronts = duplicateFronts(items);
  const frontIds = new Set(fronts.map((item) => item.id));
  const { total, sent } = totalBytes(items);
  const sentOfTotal = messages.queue.sentOfTotal(formatBytes(sent), formatBytes(total));

  return (
    <div className="min-w-0">
      <PageHeader title={messages.page.title} description={messages.page.description(MAX_REFS)} />
      <div className="flex flex-col gap-5">
        <Dropzone count={items.length} />
        <RefusalNotices />
        <DuplicateFrontWarning fronts={fronts} />
        {items.length > 0 && (
          <section aria-labelledby={headingId} className="flex flex-col gap-3">
            <div className="flex flex-col gap-1.5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <h2 id={headingId} className="text-lg font-semibold text-fg">
                  {messages.queue.heading(items.length)}
                </h2>
                <span className="text-sm text-fg-muted">{sentOfTotal}</span>
              </div>
              <ProgressBar value={total ? (sent / total) * 100 : 0} label={messages.queue.totalLabel} valueText={sentOfTotal} />
            </div>
            <ul aria-label={messages.queue.listLabel} className="grid grid-cols-1 gap-3 md:grid-cols-2">
              {items.map((item) => (
                <UploadItemRow key={item.id} item={item} highlighted={frontIds.has(item.id)} />
              ))}
            </ul>
          </section>
        )}
        <CreateCharacterForm items={items} />
      </div>
      <StageAnnouncer />
    </div>
  );
}
