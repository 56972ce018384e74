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
import { mutationRetry } from '../../../lib/aurous/retry-policy';
import { emitConsoleEvent } from '../../../lib/console-events';
import { sendIntent } from '../../../lib/paid-intents';
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

  const regenerate = useMutation({
    mutationFn: (pose: Pose) => sendIntent({ kind: 'regenerate', characterId: id, pose }),
    ...mutationRetry(true),
    onSuccess: (character, pose) => {
      regenerationStarted(id, pose);
      charged(character);
    },
  });

  const resynthesize = useMutation({
    mutationFn: () => sendIntent({ kind: 'resynthesize', characterId: id }),
    ...mutationRetry(true),
    onSuccess: (character) => {
      regenerationStarted(id, 'all');
      charged(character);
    },
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
