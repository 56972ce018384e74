import { useEffect, useState } from 'react';
import { formatPercent } from '../../../lib/format';
import { uploadQueue, type UploadItem } from '../upload-store';

function announcement(item: UploadItem): string | null {
  switch (item.stage.phase) {
    case 'uploading':
      return `${item.name}: uploading.`;
    case 'classifying':
      return `${item.name}: uploaded, classifying.`;
    case 'classified':
      return `${item.name}: ${item.stage.pose}, ${formatPercent(item.stage.confidence)} confidence.`;
    case 'failed':
      return `${item.name} failed: ${item.stage.message}`;
    default:
      return null;
  }
}

/** Tells screen readers, politely, when an item reaches a new stage (not every progress tick). */
export function StageAnnouncer() {
  const [message, setMessage] = useState('');

  useEffect(() => {
    let phases = new Map(uploadQueue.items().map((item) => [item.id, item.stage.phase]));
    return uploadQueue.subscribe(() => {
      const items = uploadQueue.items();
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
