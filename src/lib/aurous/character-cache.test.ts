import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Character, CharacterList } from '../../../contract/aurous';
import { balanceQueries } from './balance-queries';
import { characterChanged, characterRemoved } from './character-cache';
import { characterQueries } from './character-queries';
import { aurous } from './client';

const character = (id: string, patch: Partial<Character> = {}): Character => ({
  id,
  object: 'character',
  name: id,
  status: 'reviewing',
  refs: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  attributes: null,
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});
const page = (data: Character[], next: string | null): CharacterList => ({
  object: 'list',
  data,
  has_more: next !== null,
  next_cursor: next,
});
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

afterEach(() => vi.restoreAllMocks());

describe('the list query options, used whole', () => {
  it('follows the cursor page by page and caches the pages under the key of its filters', async () => {
    const list = vi
      .spyOn(aurous, 'listIndexed')
      .mockResolvedValueOnce(page([character('a')], 'cursor-2'))
      .mockResolvedValueOnce(page([character('b')], null));
    const queryClient = client();
    const options = characterQueries.list({ limit: 1, status: 'reviewing', q: 'ad', sort: 'created' });
    await queryClient.fetchInfiniteQuery({ ...options, pages: 3 });

    expect(list.mock.calls.map(([query]) => query)).toEqual([
      { limit: 1, status: 'reviewing', q: 'ad', sort: 'created', cursor: undefined },
      { limit: 1, status: 'reviewing', q: 'ad', sort: 'created', cursor: 'cursor-2' },
    ]);
    // The key's type says what the cache holds: pages, not one list.
    const cached = queryClient.getQueryData(options.queryKey);
    expect(cached?.pages.flatMap((each) => each.data.map((row) => row.id))).toEqual(['a', 'b']);
    expect(cached?.pageParams).toEqual([undefined, 'cursor-2']);
    expect(queryClient.getQueryData(characterQueries.list({ limit: 1, status: 'failed' }).queryKey)).toBeUndefined();
    expect(queryClient.getQueryData(characterQueries.list({ limit: 1, status: 'reviewing', q: 'other' }).queryKey)).toBeUndefined();
  });
});

describe('one cache update for a changed character', () => {
  const seeded = () => {
    const queryClient = client();
    queryClient.setQueryData(characterQueries.detail('a').queryKey, character('a', { status: 'synthesizing' }));
    queryClient.setQueryData(characterQueries.detail('other').queryKey, character('other'));
    queryClient.setQueryData(characterQueries.list({ limit: 24 }).queryKey, {
      pages: [page([character('a')], null)],
      pageParams: [undefined],
    });
    queryClient.setQueryData(balanceQueries.all(), { credits: 10 });
    return queryClient;
  };
  const invalidated = (queryClient: QueryClient, queryKey: readonly unknown[]) => queryClient.getQueryState(queryKey)?.isInvalidated;

  it('puts the answer in the detail cache and marks lists and the balance stale, nothing else', () => {
    const queryClient = seeded();
    characterChanged(queryClient, character('a', { status: 'ready' }));
    expect(queryClient.getQueryData(characterQueries.detail('a').queryKey)?.status).toBe('ready');
    expect(invalidated(queryClient, characterQueries.list({ limit: 24 }).queryKey)).toBe(true);
    expect(invalidated(queryClient, balanceQueries.all())).toBe(true);
    expect(invalidated(queryClient, characterQueries.detail('other').queryKey)).toBe(false);
  });

  it('forgets a removed character’s detail, and marks lists and the balance stale', () => {
    const queryClient = seeded();
    characterRemoved(queryClient, 'a');
    expect(queryClient.getQueryState(characterQueries.detail('a').queryKey)).toBeUndefined();
    expect(queryClient.getQueryData(characterQueries.detail('other').queryKey)?.id).toBe('other');
    expect(invalidated(queryClient, characterQueries.list({ limit: 24 }).queryKey)).toBe(true);
    expect(invalidated(queryClient, balanceQueries.all())).toBe(true);
  });
});
