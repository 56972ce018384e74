import { Button } from '../../../components/ui/button';
import { useNow } from '../../../lib/use-now';
import { messages } from '../messages';
import type { LogEntry } from '../session-log';

type Waiting = Extract<LogEntry, { phase: 'waiting' }>;

interface PendingDecisionsProps {
  entries: readonly Waiting[];
  onUndo: (entryId: string) => void;
}

/**
 * The decisions still in their grace period, each with its countdown and its own Undo: pressing
 * it (or the undo key, for the latest) within the grace sends nothing.
 */
export function PendingDecisions({ entries, onUndo }: PendingDecisionsProps) {
  const now = useNow(250);
  if (entries.length === 0) return null;
  return (
    <ul aria-label={messages.pendingGroup} className="flex flex-col gap-2">
      {entries.map((entry) => {
        const decision = messages.decision[entry.decision];
        const seconds = Math.max(0, Math.ceil((entry.dueAt - now) / 1000));
        return (
          <li
            key={entry.id}
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-warning-line bg-warning-soft px-3 py-2 text-sm text-warning-fg"
          >
            <span>{messages.pendingDecision(decision, entry.characterName, seconds)}</span>
            <Button
              variant="secondary"
              size="sm"
              aria-label={messages.undoDecision(decision, entry.characterName)}
              onClick={() => onUndo(entry.id)}
            >
              {messages.undo}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
