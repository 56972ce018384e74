/**
 * Query-key factory for characters: each key sits beside the fetcher that uses it, so they
 * never drift apart. Shared by every feature that shows characters.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Character, CharacterStatus, ListCharactersQuery } from '../../../contract/aurous';
import { aurous } from './client';

/** Statuses that change without the user doing anything; anything else has settled. */
export function isSettled(status: CharacterStatus | undefined): boolean {
  return status !== undefined && status !== 'synthesizing';
}

export const POLL_BASE_MS = 2000;
export const POLL_MAX_MS = 10_000;

/** Poll every 2 s for the first minute, then back off gently up to 10 s; stop once settled. */
export function pollInterval(status: CharacterStatus | undefined, pollingSinceMs: number): number | false {
  if (isSettled(status)) return false;
  if (pollingSinceMs < 60_000) return POLL_BASE_MS;
  return Math.min(POLL_MAX_MS, POLL_BASE_MS + Math.floor((pollingSinceMs - 60_000) / 30_000) * 2000);
}

/** Time since the character last changed state (it entered synthesizing then). */
export function synthesizingForMs(character: Pick<Character, 'updated_at'> | undefined, now = Date.now()): number {
  const since = character ? Date.parse(character.updated_at) : Number.NaN;
  return Number.isFinite(since) ? Math.max(0, now - since) : 0;
}

/** A list's filters; the cursor is the page parameter, not a filter. */
export type CharacterListFilters = Omit<ListCharactersQuery, 'starting_after'>;

export const characterQueries = {
  all: () => ['characters'] as const,
  lists: () => [...characterQueries.all(), 'list'] as const,
  /** Every page of a filtered list, fetched by cursor: the cache holds `InfiniteData<CharacterList>`. */
  list: (filters: CharacterListFilters) =>
    infiniteQueryOptions({
      queryKey: [...characterQueries.lists(), filters] as const,
      queryFn: ({ pageParam, signal }) => aurous.listCharacters({ ...filters, starting_after: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
    }),
  details: () => [...characterQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...characterQueries.details(), id] as const,
      queryFn: ({ signal }): Promise<Character> => aurous.getCharacter(id, signal),
    }),
};
