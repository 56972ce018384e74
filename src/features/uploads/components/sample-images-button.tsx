import { useState } from 'react';
import { CANONICAL_POSES } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { toneText } from '../../../components/ui/notice';
import { messages } from '../messages';
import { useUploadActions } from '../upload-store';

/** For a first try without photos of one's own: the four sample figures (public/samples/). */
export function SampleImagesButton() {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const { filesAdded } = useUploadActions();
  const load = async () => {
    setState('loading');
    try {
      const files = await Promise.all(
        CANONICAL_POSES.map(async (pose) => {
          const response = await fetch(`/samples/sample-${pose}.png`);
          if (!response.ok) throw new Error(String(response.status));
          return new File([await response.blob()], `sample-${pose}.png`, { type: 'image/png' });
        }),
      );
      filesAdded(files);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="flex flex-col items-center gap-2">
      <div className="flex flex-wrap items-center justify-center gap-2 text-sm text-fg-muted">
        <span>{messages.samples.prompt}</span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => void load()}
          disabled={state === 'loading'}
          aria-busy={state === 'loading' || undefined}
        >
          {state === 'loading' ? messages.samples.loading : messages.samples.button}
        </Button>
      </div>
      {state === 'failed' && (
        <p role="alert" className={toneText({ tone: 'danger' })}>
          {messages.samples.failed}
        </p>
      )}
    </div>
  );
}
