/**
 * How a decision reaches the API: through the characters feature's mutations (which keep the
 * cache, the balance and the paid-action Idempotency-Keys right), run by the session store's
 * `decided` action for whichever character it was, even after the queue has moved on.
 *
 * Each carries the version the reviewer decided on (`seenOf`: the character's `updated_at` then).
 * The console server refuses a decision on a version that has moved on, or while another is in
 * flight (409, contract/review.ts): the character is read again so the queue shows it as it is
 * now, and the refusal's words (who changed what) become the entry's failure.
 */
import type { QueryClient } from '@tanstack/react-query';
import { DECISION_IN_FLIGHT_CODE, seenHeaders, STALE_VERSION_CODE } from '../../../../contract/review';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { characterMutations, runMutation } from '../../../lib/aurous/character-mutations';
import type { DecisionSender } from '../stores/review-session-store';

export const isRefusedAsSeen = (error: unknown): error is AurousApiError =>
  error instanceof AurousApiError && error.status === 409 && (error.code === STALE_VERSION_CODE || error.code === DECISION_IN_FLIGHT_CODE);

const refusalListeners = new Set<(characterId: string) => void>();

/** Told of each decision refused as seen, once the character as it is now is in the cache; answers the unsubscribe. */
export function onRefusedAsSeen(listener: (characterId: string) => void): () => void {
  refusalListeners.add(listener);
  return () => void refusalListeners.delete(listener);
}

export function decisionSender(
  queryClient: QueryClient,
  seenOf: (characterId: string) => string | undefined = () => undefined,
): DecisionSender {
  return async (decided) => {
    const id = decided.characterId;
    const headers = seenHeaders(seenOf(id));
    try {
      switch (decided.decision) {
        case 'approve':
          await runMutation(queryClient, characterMutations.save(queryClient, id, headers), undefined);
          return undefined;
        case 'delete':
          await runMutation(queryClient, characterMutations.remove(queryClient, id, headers), undefined);
          return undefined;
        case 'regenerate':
          return (await runMutation(queryClient, characterMutations.regenerate(queryClient, id, headers), decided.pose)).updated_at;
        case 'resynthesize':
          return (await runMutation(queryClient, characterMutations.resynthesize(queryClient, id, headers), undefined)).updated_at;
      }
    } catch (error) {
      // Deleted elsewhere meanwhile: it simply leaves the queue, without an error.
      if (error instanceof AurousApiError && error.status === 404) {
        void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
        return undefined;
      }
      if (isRefusedAsSeen(error)) {
        // The console's index has the character as the server just read it: shown at once, free.
        await queryClient.fetchQuery({ ...characterQueries.detail(id), staleTime: 0 }).catch(() => undefined);
        void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
        // Once the session has marked the entry failed (so the character is back in the queue).
        setTimeout(() => {
          for (const listener of refusalListeners) listener(id);
        }, 0);
      }
      throw error;
    }
  };
}
