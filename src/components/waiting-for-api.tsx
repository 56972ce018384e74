import { toneText } from './ui/notice';
import { waitingMessage } from '../lib/aurous/retry-policy';
import { useNow } from '../lib/use-now';

/**
 * "Waiting for the API (N s)", counting down, while a person's own action (or a page with nothing
 * to show yet) waits on the team's rate budget for longer than a moment; nothing otherwise. Mount
 * it only for such a wait (not for a background refetch): it ticks every second while mounted.
 */
export function WaitingForApi({ reason, prefix }: { reason: unknown; prefix?: (text: string) => string }) {
  const now = useNow(1000);
  const text = waitingMessage(reason, now);
  if (!text) return null;
  return (
    <p role="status" className={toneText({ tone: 'warning' })}>
      {prefix ? prefix(text) : text}
    </p>
  );
}
