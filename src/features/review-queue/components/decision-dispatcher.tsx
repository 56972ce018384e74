/**
 * Sends each decision that is due, once, through the characters feature's mutations (which keep
 * the cache, the balance and the paid-action Idempotency-Keys right). One runner per decision, so
 * each gets `useCharacterActions` for its own character even after the queue has moved on.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { useCharacterActions } from '../../characters/api/use-character-actions';
import type { LogEntry } from '../session-log';
import { useSessionActions, useSessionEntries } from '../stores/review-session-store';

/** Entry ids already sent; module-wide so a remount (or StrictMode's rehearsal) never sends twice. */
const sent = new Set<string>();

function DecisionRunner({ entry }: { entry: LogEntry }) {
  const { save, regenerate, resynthesize, remove } = useCharacterActions(entry.characterId);
  const { decisionSent, decisionFailed } = useSessionActions();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (sent.has(entry.id)) return;
    sent.add(entry.id);
    const run = async (): Promise<string | undefined> => {
      switch (entry.decision) {
        case 'approve':
          await save.mutateAsync();
          return undefined;
        case 'delete':
          await remove.mutateAsync();
          return undefined;
        case 'regenerate':
          return (await regenerate.mutateAsync(entry.pose ?? 'portrait')).updated_at;
        case 'resynthesize':
          return (await resynthesize.mutateAsync()).updated_at;
      }
    };
    run().then(
      (sentBackAt) => decisionSent(entry.id, sentBackAt),
      (error: unknown) => {
        // Deleted elsewhere meanwhile: it simply leaves the queue, without an error.
        if (error instanceof AurousApiError && error.status === 404) {
          void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
          return decisionSent(entry.id);
        }
        decisionFailed(entry.id, describeError(error));
      },
    );
  }, [entry, save, regenerate, resynthesize, remove, decisionSent, decisionFailed, queryClient]);

  return null;
}

export function DecisionDispatcher() {
  const entries = useSessionEntries();
  return (
    <>
      {entries
        .filter((entry) => entry.phase === 'sending')
        .map((entry) => (
          <DecisionRunner key={entry.id} entry={entry} />
        ))}
    </>
  );
}
