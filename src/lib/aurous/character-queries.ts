/**
 * Query-key factory for characters: each key sits beside the fetcher that uses it, so they
 * never drift apart. Shared by every feature that shows characters.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Character } from '../../../contract/aurous';
import type { CharacterIndexParams } from '../../../contract/character-index';
import { aurous } from './client';

/** A list's filters (search, sort, status, page size); the cursor is the page parameter, not a filter. */
export type CharacterListFilters = Omit<CharacterIndexParams, 'cursor'>;

export const characterQueries = {
  all: () => ['characters'] as const,
  lists: () => [...characterQueries.all(), 'list'] as const,
  /**
   * Every page of a filtered list from the console's index (what this person or session may see),
   * fetched by cursor: the cache holds `InfiniteData<CharacterList>`.
   */
  list: (filters: CharacterListFilters) =>
    infiniteQueryOptions({
      queryKey: [...characterQueries.lists(), filters] as const,
      queryFn: ({ pageParam, signal }) => aurous.listIndexed({ ...filters, cursor: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
    }),
  details: () => [...characterQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...characterQueries.details(), id] as const,
      // The first read asks the API; after that (a refetch, the page's fallback while the live
      // stream is down) the console's index answers, which costs the team's bucket nothing.
      queryFn: ({ signal, client, queryKey }): Promise<Character> =>
        client.getQueryData(queryKey) === undefined
          ? aurous.getCharacter(id, signal)
          : aurous.getIndexed(id, signal).catch((error: unknown) => {
              if ((error as { status?: number }).status === 404) return aurous.getCharacter(id, signal);
              throw error;
            }),
    }),
};
