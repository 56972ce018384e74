/**
 * The queue's server state: every page of the console's `GET /api/characters?status=…` (fetched behind the
 * scenes, 100 at a time), the fresher detail copies already in the cache, and this session's
 * decisions — combined into the ordered list of what is left. While a character this session sent
 * back is synthesizing, the list is polled so it returns as soon as it is reviewable again.
 */
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Character } from '../../../../contract/aurous';
import { AurousApiError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { useLiveStream } from '../../../lib/aurous/live-status';
import { orderQueue, type QueueDirection, type QueueStatus } from '../queue-order';
import type { LogEntry } from '../session-log';

const PAGE_SIZE = 100;
const IDLE_REFRESH_MS = 15_000;
const AWAITING_REFRESH_MS = 2_000;

/** Ids a decision of this session keeps out of the queue right now. */
export function hiddenBy(entries: readonly LogEntry[]): Set<string> {
  const hidden = new Set<string>();
  for (const entry of entries) {
    const final = entry.decision === 'approve' || entry.decision === 'delete';
    if (final ? entry.phase !== 'failed' && entry.phase !== 'undone' : entry.phase === 'waiting' || entry.phase === 'sending') {
      hidden.add(entry.characterId);
    }
  }
  return hidden;
}

/** Sent back by this session, not decided since, and not yet back in the list as reviewable. */
export function awaitingReturn(sentBackAt: Record<string, string>, rows: readonly Character[], hidden: ReadonlySet<string>): string[] {
  return Object.entries(sentBackAt)
    .filter(([id, at]) => {
      if (hidden.has(id)) return false;
      const row = rows.find((each) => each.id === id);
      return !row || Date.parse(row.updated_at) <= Date.parse(at);
    })
    .map(([id]) => id);
}

interface Options {
  status: QueueStatus;
  direction: QueueDirection;
  entries: readonly LogEntry[];
  sentBackAt: Record<string, string>;
  /** Characters other reviewers hold (use-review-claims.ts): left out of this queue. */
  claimed?: ReadonlySet<string>;
  /** The character the reviewer stays on while its regenerate or resynthesize runs (see `stayingOn`). */
  staying: string | null;
}

/**
 * The character the queue stays on: the one the reviewer is on, when their latest decision on it
 * was a regenerate or resynthesize that is waiting, sending or sent (not undone, not failed).
 */
export function stayingOn(entries: readonly LogEntry[], positionId: string | null): string | null {
  if (!positionId) return null;
  const latest = entries.findLast((entry) => entry.characterId === positionId && entry.phase !== 'undone');
  if (!latest || latest.phase === 'failed') return null;
  return latest.decision === 'regenerate' || latest.decision === 'resynthesize' ? positionId : null;
}

export function useReviewQueue({ status, direction, entries, sentBackAt, claimed, staying }: Options) {
  // Newest created first, as the queue's order expects.
  const filters = { limit: PAGE_SIZE, status, sort: 'created' } as const;
  const hidden = useMemo(() => hiddenBy(entries), [entries]);
  // The live stream tells the queue of every change; it polls the index only while the stream is down.
  const live = useLiveStream((state) => state.up);
  const list = useInfiniteQuery({
    ...characterQueries.list(filters),
    refetchInterval: (query) => {
      if (live) return false;
      const pages = query.state.data?.pages.flatMap((page) => page.data) ?? [];
      return status === 'synthesizing' || awaitingReturn(sentBackAt, pages, hidden).length > 0 ? AWAITING_REFRESH_MS : IDLE_REFRESH_MS;
    },
    refetchIntervalInBackground: false,
  });

  // Cursor pagination behind the scenes: oldest first needs the last page, and the count needs all.
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);

  // Read (never fetch) the detail cache for each row: a save, a regenerate or a 404 seen there is
  // fresher than the list page.
  const ids = useMemo(() => {
    const listed = rows.map((row) => row.id);
    return staying && !listed.includes(staying) ? [...listed, staying] : listed;
  }, [rows, staying]);
  const details = useQueries({
    queries: ids.map((id) => ({ ...characterQueries.detail(id), enabled: false })),
    combine: (results) =>
      results.map((result) => ({ data: result.data, gone: result.error instanceof AurousApiError && result.error.status === 404 })),
  });

  const items = useMemo(() => {
    const fresher = new Map<string, Character>();
    const hiddenNow = new Set([...hidden, ...(claimed ?? [])]);
    details.forEach((detail, index) => {
      const id = ids[index];
      if (!id) return;
      if (detail.data) fresher.set(id, detail.data);
      if (detail.gone) hiddenNow.add(id);
    });
    return orderQueue({ rows, status, direction, fresher, hidden: hiddenNow, sentBackAt: new Map(Object.entries(sentBackAt)), staying });
  }, [rows, ids, details, hidden, status, direction, sentBackAt, claimed, staying]);

  return {
    items,
    /** Every row of the list as loaded (claimed ones included), for names. */
    rows,
    /** Characters this session sent back that have not returned yet. */
    awaiting: awaitingReturn(sentBackAt, rows, hidden),
    /** All pages are in: the count is exact. */
    complete: list.isSuccess && !list.hasNextPage,
    isPending: list.isPending,
    error: list.error,
    /** Ask again after a failed load. */
    retry: () => void list.refetch(),
  };
}
