import { useEffect } from 'react';
import { MAX_REFS } from '../../../../contract/constants';
import { PageHeader } from '../../../components/ui/page-header';
import { messages } from '../messages';
import { startUploadRunner } from '../upload-runner';
import { useUploadItems } from '../upload-store';
import { CreateCharacterForm } from './create-character-form';
import { Dropzone } from './dropzone';
import { RefusalNotices } from './refusal-notices';
import { StageAnnouncer } from './stage-announcer';
import { UploadQueue } from './upload-queue';

export function UploadPage() {
  const items = useUploadItems();
  useEffect(() => startUploadRunner(), []);

  return (
    <div className="min-w-0">
      <PageHeader title={messages.page.title} description={messages.page.description(MAX_REFS)} />
      <div className="flex flex-col gap-5">
        <Dropzone count={items.length} />
        <RefusalNotices />
        {items.length > 0 && <UploadQueue items={items} />}
        <CreateCharacterForm items={items} />
      </div>
      <StageAnnouncer />
    </div>
  );
}
