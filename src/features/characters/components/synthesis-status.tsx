import type { Character } from '../../../../contract/aurous';
import { synthesizingForMs } from '../../../lib/aurous/character-queries';
import { useNow } from '../../../lib/use-now';

const elapsed = (ms: number) => {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

/** While synthesizing: how long it has run, and what to expect. */
export function SynthesisStatus({ character }: { character: Character }) {
  const now = useNow(1000);
  const ms = synthesizingForMs(character, now);
  return (
    <div role="status" className="rounded-xl border border-sky-200 bg-sky-50 p-4 text-sky-950">
      <p className="font-semibold">Synthesizing… {elapsed(ms)} so far</p>
      <p className="mt-1 text-sm">
        This usually takes 30–90 seconds{ms > 90_000 ? ', and this one is taking longer' : ''}. The page updates by itself; you can
        leave and come back.
      </p>
    </div>
  );
}
