import { InfiniteQueryObserver, QueryClient, type InfiniteData } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Character, CharacterList } from '../../../contract/aurous';
import { characterQueries } from './character-queries';
import { applyLiveEvent, LIST_REFETCH_DELAY_MS } from './live-cache';
import { sseParser } from './live-events';

const character = (id: string, patch: Partial<Character> = {}): Character => ({
  id,
  object: 'character',
  name: id,
  status: 'synthesizing',
  refs: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  attributes: null,
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});
const pages = (...data: Character[][]): InfiniteData<CharacterList, string | undefined> => ({
  pages: data.map((rows) => ({ object: 'list', data: rows, has_more: false, next_cursor: null })),
  pageParams: data.map(() => undefined),
});
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const listKey = characterQueries.list({ limit: 24, sort: 'updated' }).queryKey;

afterEach(() => {
  vi.useRealTimers();
});

describe('applying live events to the cache', () => {
  it('puts a newer answer into the detail this tab holds, and leaves other characters out of the cache', () => {
    const queryClient = client();
    queryClient.setQueryData(characterQueries.detail('a').queryKey, character('a'));
    const flipped = character('a', { status: 'reviewing', updated_at: '2026-01-01T00:03:00.000Z' });
    applyLiveEvent(queryClient, { event: 'character.changed', data: { character: flipped } });
    applyLiveEvent(queryClient, { event: 'character.changed', data: { character: character('b') } });
    expect(queryClient.getQueryData(characterQueries.detail('a').queryKey)?.status).toBe('reviewing');
    expect(queryClient.getQueryData(characterQueries.detail('b').queryKey)).toBeUndefined();
  });

  it('never replaces a detail with an older answer (the page’s own action came back first)', () => {
    const queryClient = client();
    const saved = character('a', { status: 'ready', updated_at: '2026-01-01T00:05:00.000Z' });
    queryClient.setQueryData(characterQueries.detail('a').queryKey, saved);
    applyLiveEvent(queryClient, { event: 'character.changed', data: { character: character('a', { status: 'reviewing' }) } });
    expect(queryClient.getQueryData(characterQueries.detail('a').queryKey)?.status).toBe('ready');
  });

  it('patches a list row in place, marks the lists stale when a status moves, and drops a removed row', () => {
    const queryClient = client();
    queryClient.setQueryData(listKey, pages([character('a'), character('b')]));
    const renamed = character('a', { name: 'Renamed', updated_at: '2026-01-01T00:02:00.000Z' });
    applyLiveEvent(queryClient, { event: 'character.changed', data: { character: renamed } });
    expect(queryClient.getQueryData<InfiniteData<CharacterList>>(listKey)?.pages[0]?.data[0]?.name).toBe('Renamed');

    const reviewing = character('b', { status: 'reviewing', updated_at: '2026-01-01T00:04:00.000Z' });
    applyLiveEvent(queryClient, { event: 'character.changed', data: { character: reviewing } });
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);

    applyLiveEvent(queryClient, { event: 'character.removed', data: { id: 'a' } });
    expect(queryClient.getQueryData<InfiniteData<CharacterList>>(listKey)?.pages[0]?.data.map((row) => row.id)).toEqual(['b']);
  });

  it('reads a list on screen again once per burst of flips, not once per flip, and patches its rows at once', async () => {
    vi.useFakeTimers();
    const queryClient = client();
    const rows = Array.from({ length: 40 }, (_, index) => character(`c${index}`));
    let reads = 0;
    const observer = new InfiniteQueryObserver(queryClient, {
      ...characterQueries.list({ limit: 24, sort: 'updated' }),
      queryFn: () => {
        reads += 1;
        return Promise.resolve({ object: 'list' as const, data: rows, has_more: false, next_cursor: null });
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(1);
    // Forty syntheses finish together.
    for (const row of rows) {
      applyLiveEvent(queryClient, {
        event: 'character.changed',
        data: { character: { ...row, status: 'reviewing', updated_at: '2026-01-01T00:04:00.000Z' } },
      });
    }
    // Every row already says so; the list is stale, and not read again yet.
    const held = queryClient.getQueryData<InfiniteData<CharacterList>>(listKey);
    expect(held?.pages[0]?.data.every((row) => row.status === 'reviewing')).toBe(true);
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(reads).toBe(1);
    await vi.advanceTimersByTimeAsync(LIST_REFETCH_DELAY_MS);
    expect(reads).toBe(2);
    // A later flip is a burst of its own.
    applyLiveEvent(queryClient, {
      event: 'character.changed',
      data: { character: { ...rows[0]!, status: 'ready', updated_at: '2026-01-01T00:09:00.000Z' } },
    });
    await vi.advanceTimersByTimeAsync(LIST_REFETCH_DELAY_MS);
    expect(reads).toBe(3);
    unsubscribe();
  });

  it('reads what is on screen again when the stream (re)connects', () => {
    const queryClient = client();
    queryClient.setQueryData(characterQueries.detail('a').queryKey, character('a'));
    queryClient.setQueryData(listKey, pages([character('a')]));
    applyLiveEvent(queryClient, { event: 'ready', data: { heartbeat_ms: 15_000 } });
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(characterQueries.detail('a').queryKey)?.isInvalidated).toBe(true);
  });
});

describe('the stream parser', () => {
  it('splits events across chunks and skips comments and retry hints', () => {
    const seen: [string, string][] = [];
    const parse = sseParser((name, data) => seen.push([name, data]));
    parse('retry: 3000\n\nevent: ready\ndata: {"heartbeat_ms":1}\n\n: hb\n\nevent: character.rem');
    parse('oved\ndata: {"id":"a"}\n\n');
    expect(seen).toEqual([
      ['ready', '{"heartbeat_ms":1}'],
      ['character.removed', '{"id":"a"}'],
    ]);
  });
});
