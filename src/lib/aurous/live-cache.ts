/**
 * What a live event (contract/live-events.ts) does to the react-query cache: a changed character
 * replaces its detail (only one this tab holds) and its rows in the lists it is in; a list it is
 * not in yet, or that it may have left (its status changed), is refetched from the console's
 * index, which is free. A removed one leaves the lists, and its page finds out.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Character, CharacterList } from '../../../contract/aurous';
import type { LiveEvent } from '../../../contract/live-events';
import { characterQueries } from './character-queries';
import { claimChanged, claimQueries } from './claim-queries';

type ListData = InfiniteData<CharacterList, string | undefined>;

/**
 * Lists are refetched only where they are on screen, and an in-flight fetch is not restarted.
 * Live events come in bursts: forty syntheses started together finish together. A list on screen
 * is read again once per burst, this long after its first event, not once per event: the rows
 * themselves are patched at once (below), only their order and membership wait. In the team
 * bench, five library pages re-reading the index on each of 40 flips held the servers long enough
 * to double the character pages' freshness (p95 7.5 s with them, 2.3 s without).
 */
export const LIST_REFETCH_DELAY_MS = 750;
const listRefetches = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();

function refetchLists(queryClient: QueryClient) {
  // Stale at once (a list mounted meanwhile reads afresh); the lists on screen are read at the burst's end.
  void queryClient.invalidateQueries({ queryKey: characterQueries.lists(), refetchType: 'none' });
  if (listRefetches.has(queryClient)) return;
  listRefetches.set(
    queryClient,
    setTimeout(() => {
      listRefetches.delete(queryClient);
      void queryClient.refetchQueries({ queryKey: characterQueries.lists(), type: 'active' }, { cancelRefetch: false });
    }, LIST_REFETCH_DELAY_MS),
  );
}

export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  switch (event.event) {
    case 'ready':
    case 'characters.reset':
      // (Re)connected, or anything may have changed: what is on screen is read again, once.
      void queryClient.invalidateQueries({ queryKey: characterQueries.all(), refetchType: 'active' }, { cancelRefetch: false });
      void queryClient.invalidateQueries({ queryKey: claimQueries.all(), refetchType: 'active' }, { cancelRefetch: false });
      return;
    case 'character.changed':
      return characterChangedLive(queryClient, event.data.character);
    case 'character.removed':
      return characterRemovedLive(queryClient, event.data.id);
    case 'claim.changed':
      return claimChanged(queryClient, event.data.character_id, event.data.claim);
  }
}

function characterChangedLive(queryClient: QueryClient, character: Character) {
  const detailKey = characterQueries.detail(character.id).queryKey;
  const held = queryClient.getQueryData(detailKey);
  // An older answer never replaces a newer one (an action's own answer may have arrived first).
  if (held && Date.parse(held.updated_at) <= Date.parse(character.updated_at)) queryClient.setQueryData(detailKey, character);
  let moved = false;
  let found = false;
  queryClient.setQueriesData<ListData>({ queryKey: characterQueries.lists() }, (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => ({
      ...page,
      data: page.data.map((row) => {
        if (row.id !== character.id) return row;
        found = true;
        if (row.status !== character.status || row.name !== character.name) moved = true;
        if (Date.parse(row.updated_at) > Date.parse(character.updated_at)) return row;
        changed = true;
        return character;
      }),
    }));
    return changed ? { ...data, pages } : data;
  });
  // New to the lists, or it may now belong to another filter or order: the lists read the index again.
  if (!found || moved) refetchLists(queryClient);
}

function characterRemovedLive(queryClient: QueryClient, id: string) {
  queryClient.setQueriesData<ListData>({ queryKey: characterQueries.lists() }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.filter((row) => row.id !== id) })) } : data,
  );
  // Its page (if open) asks again, and shows what the answer says (gone, or out of reach).
  void queryClient.invalidateQueries({ queryKey: characterQueries.detail(id).queryKey, refetchType: 'active' });
}
