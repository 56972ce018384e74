import { useEffect, useState } from 'react';
import { formatPercent } from '../../../lib/i18n/format';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import type { UploadItem } from '../upload-machine';
import { uploadQueue } from '../upload-store';

function announcement(item: UploadItem): string | null {
  switch (item.stage.phase) {
    case 'uploading':
      return messages.announce.uploading(item.name);
    case 'classifying':
      return messages.announce.classifying(item.name);
    case 'classified':
      return messages.announce.classified(item.name, apiMessages.poseWord[item.stage.pose], formatPercent(item.stage.confidence));
    case 'failed':
      return messages.announce.failed(item.name, item.stage.message);
    default:
      return null;
  }
}

/** Tells screen readers, politely, when an item reaches a new stage (not every progress tick). */
export function StageAnnouncer() {
  const [message, setMessage] = useState('');

  useEffect(() => {
    let phases = new Map(uploadQueue.items().map((item) => [item.id, item.stage.phase]));
    return uploadQueue.subscribeItems((items) => {
      const lines = items
        .filter((item) => phases.get(item.id) !== item.stage.phase)
        .map(announcement)
        .filter((line): line is string => line !== null);
      phases = new Map(items.map((item) => [item.id, item.stage.phase]));
      if (lines.length) setMessage(lines.join(' '));
    });
  }, []);

  return (
    <p aria-live="polite" className="sr-only">
      {message}
    </p>
  );
}
