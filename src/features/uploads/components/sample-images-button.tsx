import { useState } from 'react';
import { CANONICAL_POSES } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { addFiles } from '../add-files';

/** For a first try without photos of one's own: the four sample figures (public/samples/). */
export function SampleImagesButton() {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
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
      addFiles(files);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <span>No images of your own?</span>
      <Button variant="secondary" size="sm" onClick={() => void load()} disabled={state === 'loading'}>
        {state === 'loading' ? 'Loading samples…' : 'Try with sample images'}
      </Button>
      {state === 'failed' && (
        <span role="alert" className="text-red-800">
          The sample images could not be loaded. Check your connection and try again.
        </span>
      )}
    </div>
  );
}
