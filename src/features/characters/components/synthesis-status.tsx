import type { Character } from '../../../../contract/aurous';
import { Notice } from '../../../components/ui/notice';
import { synthesizingForMs } from '../../../lib/aurous/character-polling';
import { useNow } from '../../../lib/use-now';
import { messages } from '../messages';

/** How long a synthesis usually takes, in seconds; past the upper bound the page says it is slow. */
const USUAL_SECONDS = { from: 30, to: 90 };

/**
 * While synthesizing: what to expect (a polite live region, announced when it changes) and how
 * long it has run. The elapsed time ticks every second, so it sits outside the live region:
 * screen readers read it when the reader gets there, not once a second.
 */
export function SynthesisStatus({ character }: { character: Character }) {
  const now = useNow(1000);
  const ms = synthesizingForMs(character, now);
  const seconds = Math.floor(ms / 1000);
  return (
    <Notice tone="info" className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
      <div role="status" className="min-w-0 flex-1 basis-64">
        <p className="font-semibold">{messages.synthesizing}</p>
        <p className="mt-1">{messages.synthesisExpectation(USUAL_SECONDS.from, USUAL_SECONDS.to, ms > USUAL_SECONDS.to * 1000)}</p>
      </div>
      <p className="font-semibold tabular-nums">{messages.elapsedSoFar(Math.floor(seconds / 60), seconds % 60)}</p>
    </Notice>
  );
}
