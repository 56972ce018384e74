/**
 * Every action on one character, as mutation options: `useCharacterActions` hands them to
 * `useMutation` for the character page, and the review queue runs them from its store's actions
 * (`runMutation`), so both go through the mutation cache with the same retry policy, events and
 * cache updates. Paid actions carry one Idempotency-Key per intent, reused on every retry.
 */
import { mutationOptions, type MutationOptions, type QueryClient } from '@tanstack/react-query';
import type { Pose, UpdateCharacterBody } from '../../../contract/aurous';
import { AurousApiError } from './api-error';
import { characterChanged, characterRemoved } from './character-cache';
import { aurous } from './client';
import { mutationRetry } from './retry-policy';
import { emitConsoleEvent } from '../console-events';
import { sendIntent } from '../paid-intents';
import { regeneratingActions } from '../regenerating-store';

/**
 * `headers`: more request headers, e.g. the version a person decided on (contract/review.ts
 * `seenHeaders`), which the console server refuses with 409 once it is no longer current.
 */
export const characterMutations = {
  save: (queryClient: QueryClient, id: string, headers?: Record<string, string>) =>
    mutationOptions({
      mutationFn: () => aurous.saveCharacter(id, headers),
      ...mutationRetry(true), // save is idempotent on a ready character
      onSuccess: (character) => {
        characterChanged(queryClient, character);
        emitConsoleEvent({ type: 'character.saved', characterId: character.id });
      },
    }),

  regenerate: (queryClient: QueryClient, id: string, headers?: Record<string, string>) =>
    mutationOptions({
      mutationFn: (pose: Pose) => sendIntent({ kind: 'regenerate', characterId: id, pose, headers }),
      ...mutationRetry(true),
      onSuccess: (character, pose) => {
        regeneratingActions.regenerationStarted(id, pose);
        characterChanged(queryClient, character);
      },
    }),

  resynthesize: (queryClient: QueryClient, id: string, headers?: Record<string, string>) =>
    mutationOptions({
      mutationFn: () => sendIntent({ kind: 'resynthesize', characterId: id, headers }),
      ...mutationRetry(true),
      onSuccess: (character) => {
        regeneratingActions.regenerationStarted(id, 'all');
        characterChanged(queryClient, character);
      },
    }),

  update: (queryClient: QueryClient, id: string) =>
    mutationOptions({
      mutationFn: (body: UpdateCharacterBody) => aurous.updateCharacter(id, body),
      ...mutationRetry(true), // the same PATCH twice leaves the same character
      onSuccess: (character) => characterChanged(queryClient, character),
    }),

  remove: (queryClient: QueryClient, id: string, headers?: Record<string, string>) =>
    mutationOptions({
      mutationFn: async () => {
        try {
          return await aurous.deleteCharacter(id, headers);
        } catch (error) {
          // Gone already (a retried delete whose first attempt landed): that is what was asked for.
          if (error instanceof AurousApiError && error.status === 404) return null;
          throw error;
        }
      },
      ...mutationRetry(true),
      onSuccess: () => {
        emitConsoleEvent({ type: 'character.deleted', characterId: id });
        characterRemoved(queryClient, id);
      },
    }),
};

/**
 * Runs a mutation outside React, through the mutation cache as `useMutation` would (so the
 * retry policy and the app's error reporting apply), and answers its result.
 */
export function runMutation<TData, TVariables>(
  queryClient: QueryClient,
  options: MutationOptions<TData, Error, TVariables>,
  variables: TVariables,
): Promise<TData> {
  // What useMutation's observer does on mutate: build the mutation in the cache (with the
  // client's defaults), then run it. Unobserved, it is garbage-collected once settled.
  return queryClient.getMutationCache().build(queryClient, options).execute(variables);
}
