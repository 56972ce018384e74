import { useEffect } from 'react';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { formatBytes } from '../../../lib/format';
import { startUploadRunner } from '../upload-runner';
import { duplicateFronts, totalBytes } from '../upload-summary';
import { useUploadItems } from '../upload-store';
import { CreateCharacterForm } from './create-character-form';
import { Dropzone } from './dropzone';
import { SampleImagesButton } from './sample-images-button';
import { DuplicateFrontWarning } from './duplicate-front-warning';
import { RefusalNotices } from './refusal-notices';
import { StageAnnouncer } from './stage-announcer';
import { UploadItemRow } from './upload-item-row';

export function UploadPage() {
  const items = useUploadItems();
  useEffect(() => startUploadRunner(), []);
  const fronts = duplicateFronts(items);
  const frontIds = new Set(fronts.map((item) => item.id));
  const { total, sent } = totalBytes(items);

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">New character from images</h1>
        <p className="mt-1 text-slate-700">
          Add 1–6 reference images. Each is uploaded and its pose detected; then name the character and create it.
        </p>
      </div>
      <Dropzone count={items.length} />
      {items.length === 0 && <SampleImagesButton />}
      <RefusalNotices />
      <DuplicateFrontWarning fronts={fronts} />
      {items.length > 0 && (
        <section aria-labelledby="uploads-heading" className="flex flex-col gap-3">
          <div className="flex flex-col gap-1.5">
            <div className="flex items-baseline justify-between">
              <h2 id="uploads-heading" className="text-lg font-semibold text-slate-900">
                Reference images ({items.length})
              </h2>
              <span className="text-sm text-slate-700">
                {formatBytes(sent)} of {formatBytes(total)}
              </span>
            </div>
            <ProgressBar value={total ? (sent / total) * 100 : 0} label="Total upload progress" valueText={`${formatBytes(sent)} of ${formatBytes(total)}`} />
          </div>
          <ul aria-label="Reference images" className="grid gap-3 sm:grid-cols-2">
            {items.map((item) => (
              <UploadItemRow key={item.id} item={item} highlighted={frontIds.has(item.id)} />
            ))}
          </ul>
        </section>
      )}
      <CreateCharacterForm items={items} />
      <StageAnnouncer />
    </div>
  );
}
