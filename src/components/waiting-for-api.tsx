import { toneText } from './ui/notice';
import { formatSeconds } from '../lib/i18n/format';
import { messages } from '../lib/aurous/messages';
import { apiWaitSeconds } from '../lib/aurous/retry-policy';
import { useNow } from '../lib/use-now';

/** "Waiting for the API (N s)" at `now`, or null (see apiWaitSeconds: not such a wait, or only a moment). */
export function waitingMessage(error: unknown, now: number): string | null {
  const left = apiWaitSeconds(error, now);
  if (left === null) return null;
  return messages.retrying.waitingForApi(left > 0 ? formatSeconds(left) : undefined);
}

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
