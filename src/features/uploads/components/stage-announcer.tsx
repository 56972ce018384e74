import { useEffect, useRef, useState } from 'react';
import { formatPercent } from '../../../lib/format';
import type { UploadItem } from '../upload-store';

/** Tells screen readers, politely, when an item reaches a new stage (not every progress tick). */
export function StageAnnouncer({ items }: { items: readonly UploadItem[] }) {
  const previous = useRef(new Map<string, string>());
  const [message, setMessage] = useState('');

  useEffect(() => {
    const lines: string[] = [];
    const seen = new Map<string, string>();
    for (const item of items) {
      const phase = item.stage.phase;
      seen.set(item.id, phase);
      if (previous.current.get(item.id) === phase) continue;
      if (phase === 'uploading') lines.push(`${item.name}: uploading.`);
      if (phase === 'classifying') lines.push(`${item.name}: uploaded, classifying.`);
      if (item.stage.phase === 'classified') {
        lines.push(`${item.name}: ${item.stage.pose}, ${formatPercent(item.stage.confidence)} confidence.`);
      }
      if (item.stage.phase === 'failed') lines.push(`${item.name} failed: ${item.stage.message}`);
    }
    previous.current = seen;
    if (lines.length) setMessage(lines.join(' '));
  }, [items]);

  return (
    <p aria-live="polite" className="sr-only">
      {message}
    </p>
  );
}
