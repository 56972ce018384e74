/**
 * What the cache does when the API answers with a character (or says it is gone), written once
 * for every caller: the character actions, both create paths and the resume of paid actions.
 * The answer is the new character, so it goes straight into the detail cache (which restarts
 * polling when it says synthesizing); lists and the balance may have changed with it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Character } from '../../../contract/aurous';
import { balanceQueries } from './balance-queries';
import { characterQueries } from './character-queries';

function listsAndBalanceChanged(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
  // Only an observed balance is fetched again: a save or an edit costs no request here.
  void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
}

export function characterChanged(queryClient: QueryClient, character: Character) {
  queryClient.setQueryData(characterQueries.detail(character.id).queryKey, character);
  listsAndBalanceChanged(queryClient);
}

export function characterRemoved(queryClient: QueryClient, id: string) {
  queryClient.removeQueries({ queryKey: characterQueries.detail(id).queryKey });
  listsAndBalanceChanged(queryClient);
}
