/** Every action on one character, for the character page: `characterMutations` in `useMutation`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { characterMutations } from '../../../lib/aurous/character-mutations';

export function useCharacterActions(id: string) {
  const queryClient = useQueryClient();
  return {
    save: useMutation(characterMutations.save(queryClient, id)),
    regenerate: useMutation(characterMutations.regenerate(queryClient, id)),
    resynthesize: useMutation(characterMutations.resynthesize(queryClient, id)),
    update: useMutation(characterMutations.update(queryClient, id)),
    remove: useMutation(characterMutations.remove(queryClient, id)),
  };
}
