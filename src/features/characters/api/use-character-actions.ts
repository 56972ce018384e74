/**
 * Every action on one character. Each answer is the new character, so it goes straight into the
 * detail cache (which restarts polling when it says synthesizing); lists and the balance are
 * invalidated. Paid actions carry one Idempotency-Key per intent, reused on every retry.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Character, Pose, UpdateCharacterBody } from '../../../../contract/aurous';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { balanceQueries } from '../../../lib/aurous/balance-queries';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { aurous } from '../../../lib/aurous/client';
import { isRetryable, mutationRetry } from '../../../lib/aurous/retry-policy';
import { emitConsoleEvent } from '../../../lib/console-events';
import { paidIntents, sendPaidAction, type PaidAction } from '../../../lib/paid-intents';
import { useRegeneratingActions } from '../stores/regenerating-store';

export function useCharacterActions(id: string) {
  const queryClient = useQueryClient();
  const { regenerationStarted } = useRegeneratingActions();

  const store = (character: Character) => {
    queryClient.setQueryData(characterQueries.detail(id).queryKey, character);
    void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
  };
  const charged = (character: Character) => {
    store(character);
    void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
  };

  const save = useMutation({
    mutationFn: () => aurous.saveCharacter(id),
    ...mutationRetry(true), // save is idempotent on a ready character
    onSuccess: (character) => {
      store(character);
      emitConsoleEvent({ type: 'character.saved', characterId: character.id });
    },
  });

  // A definitive failure (402, 400…) ends the intent: it must not be resent after a reload.
  const endIfFinal = (action: PaidAction) => (error: unknown) => {
    if (!isRetryable(error, true)) paidIntents.settle(action);
  };

  const regenerate = useMutation({
    mutationFn: (pose: Pose) => {
      const action: PaidAction = { kind: 'regenerate', characterId: id, pose };
      return sendPaidAction(action, paidIntents.begin(action));
    },
    ...mutationRetry(true),
    onSuccess: (character, pose) => {
      paidIntents.settle({ kind: 'regenerate', characterId: id, pose });
      regenerationStarted(id, pose);
      charged(character);
    },
    onError: (error, pose) => endIfFinal({ kind: 'regenerate', characterId: id, pose })(error),
  });

  const resynthesize = useMutation({
    mutationFn: () => {
      const action: PaidAction = { kind: 'resynthesize', characterId: id };
      return sendPaidAction(action, paidIntents.begin(action));
    },
    ...mutationRetry(true),
    onSuccess: (character) => {
      paidIntents.settle({ kind: 'resynthesize', characterId: id });
      regenerationStarted(id, 'all');
      charged(character);
    },
    onError: endIfFinal({ kind: 'resynthesize', characterId: id }),
  });

  const update = useMutation({
    mutationFn: (body: UpdateCharacterBody) => aurous.updateCharacter(id, body),
    ...mutationRetry(true), // the same PATCH twice leaves the same character
    onSuccess: store,
  });

  const remove = useMutation({
    mutationFn: async () => {
      try {
        return await aurous.deleteCharacter(id);
      } catch (error) {
        // Gone already (a retried delete whose first attempt landed): that is what was asked for.
        if (error instanceof AurousApiError && error.status === 404) return null;
        throw error;
      }
    },
    ...mutationRetry(true),
    onSuccess: () => {
      emitConsoleEvent({ type: 'character.deleted', characterId: id });
      queryClient.removeQueries({ queryKey: characterQueries.detail(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
    },
  });

  return { save, regenerate, resynthesize, update, remove };
}
