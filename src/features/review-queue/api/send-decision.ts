/**
 * How a decision reaches the API: through the characters feature's mutations (which keep the
 * cache, the balance and the paid-action Idempotency-Keys right), run by the session store's
 * `decided` action for whichever character it was, even after the queue has moved on.
 */
import type { QueryClient } from '@tanstack/react-query';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { characterMutations, runMutation } from '../../../lib/aurous/character-mutations';
import type { DecisionSender } from '../stores/review-session-store';

export function decisionSender(queryClient: QueryClient): DecisionSender {
  return async (decided) => {
    const id = decided.characterId;
    try {
      switch (decided.decision) {
        case 'approve':
          await runMutation(queryClient, characterMutations.save(queryClient, id), undefined);
          return undefined;
        case 'delete':
          await runMutation(queryClient, characterMutations.remove(queryClient, id), undefined);
          return undefined;
        case 'regenerate':
          return (await runMutation(queryClient, characterMutations.regenerate(queryClient, id), decided.pose)).updated_at;
        case 'resynthesize':
          return (await runMutation(queryClient, characterMutations.resynthesize(queryClient, id), undefined)).updated_at;
      }
    } catch (error) {
      // Deleted elsewhere meanwhile: it simply leaves the queue, without an error.
      if (error instanceof AurousApiError && error.status === 404) {
        void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
        return undefined;
      }
      throw error;
    }
  };
}
