/**
 * Every action on one character. Each answer is the new character, so it goes straight into the
 * detail cache (which restarts polling when it says synthesizing); lists and the balance are
 * invalidated. Paid actions carry one Idempotency-Key per intent, reused on every retry.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Character, Pose, UpdateCharacterBody } from '../../../../contract/aurous';
import { balanceQueries } from '../../../lib/aurous/balance-queries';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { aurous } from '../../../lib/aurous/client';
import { mutationRetry } from '../../../lib/aurous/retry-policy';
import { intentOf, paidIntents } from '../../../lib/paid-intents';
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
    onSuccess: store,
  });

  const regenerate = useMutation({
    mutationFn: (pose: Pose) => aurous.regenerateRef(id, pose, paidIntents.keyFor(intentOf.regenerate(id, pose))),
    ...mutationRetry(true),
    onSuccess: (character, pose) => {
      paidIntents.settle(intentOf.regenerate(id, pose));
      regenerationStarted(id, pose);
      charged(character);
    },
  });

  const resynthesize = useMutation({
    mutationFn: () => aurous.resynthesize(id, paidIntents.keyFor(intentOf.resynthesize(id))),
    ...mutationRetry(true),
    onSuccess: (character) => {
      paidIntents.settle(intentOf.resynthesize(id));
      regenerationStarted(id, 'all');
      charged(character);
    },
  });

  const update = useMutation({
    mutationFn: (body: UpdateCharacterBody) => aurous.updateCharacter(id, body),
    onSuccess: store,
  });

  const remove = useMutation({
    mutationFn: () => aurous.deleteCharacter(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: characterQueries.detail(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
    },
  });

  return { save, regenerate, resynthesize, update, remove };
}
