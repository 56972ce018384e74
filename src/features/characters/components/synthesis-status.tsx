import type { Character } from '../../../../contract/aurous';
import { Notice } from '../../../components/ui/notice';
import { synthesizingForMs } from '../../../lib/aurous/character-queries';
import { formatNumber, formatSeconds } from '../../../lib/i18n/format';
import { useNow } from '../../../lib/use-now';
import { messages } from '../messages';

/** "42 sec", "1 min 5 sec": how long synthesis has run so far. */
function elapsed(ms: number) {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return messages.elapsed(minutes > 0 ? messages.minutes(formatNumber(minutes)) : null, formatSeconds(seconds % 60));
}

/** While synthesizing: how long it has run, and what to expect. */
export function SynthesisStatus({ character }: { character: Character }) {
  const now = useNow(1000);
  const ms = synthesizingForMs(character, now);
  return (
    <Notice tone="info" role="status">
      <p className="font-semibold">{messages.synthesizingFor(elapsed(ms))}</p>
      <p className="mt-1">{messages.synthesisExpectation(ms > 90_000)}</p>
    </Notice>
  );
}
