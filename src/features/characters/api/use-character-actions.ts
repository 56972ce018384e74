/** Every action on one character, for the character page: `characterMutations` in `useMutation`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DECISION_IN_FLIGHT_CODE, seenHeaders, STALE_VERSION_CODE } from '../../../../contract/review';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { characterMutations } from '../../../lib/aurous/character-mutations';

/**
 * `seen`: the character's `updated_at` as the page shows it. Save, regenerate, resynthesize and
 * delete carry it, so the console server refuses (409) a decision on a character someone else has
 * changed since; the page then reads the character again and shows it as it is now, with the
 * server's message ("… regenerated the front pose after you opened this; look again").
 */
export function useCharacterActions(id: string, seen?: string) {
  const queryClient = useQueryClient();
  const headers = seenHeaders(seen);
  const onError = (error: unknown) => {
    const refused =
      error instanceof AurousApiError &&
      error.status === 409 &&
      (error.code === STALE_VERSION_CODE || error.code === DECISION_IN_FLIGHT_CODE);
    if (refused) void queryClient.invalidateQueries({ queryKey: characterQueries.detail(id).queryKey });
  };
  return {
    save: useMutation({ ...characterMutations.save(queryClient, id, headers), onError }),
    regenerate: useMutation({ ...characterMutations.regenerate(queryClient, id, headers), onError }),
    resynthesize: useMutation({ ...characterMutations.resynthesize(queryClient, id, headers), onError }),
    update: useMutation(characterMutations.update(queryClient, id)),
    remove: useMutation({ ...characterMutations.remove(queryClient, id, headers), onError }),
  };
}
