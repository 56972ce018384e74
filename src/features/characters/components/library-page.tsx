import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearch, useLocation } from 'wouter';
import type { Character, CharacterList } from '../../../../contract/aurous';
import { CHARACTER_STATUSES, type CharacterStatus } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { aurous } from '../../../lib/aurous/client';
import { POSE_LABEL } from '../pose-labels';
import { StatusBadge } from './status-badge';

const PAGE_SIZE = 24;
const FILTERS = CHARACTER_STATUSES.filter((status) => status !== 'deleted');
type Filter = Exclude<CharacterStatus, 'deleted'>;

function thumbnail(character: Character) {
  return character.refs.find((ref) => ref.pose === 'front') ?? character.refs.find((ref) => ref.pose === 'portrait') ?? character.refs[0];
}

const hasSynthesizing = (pages: CharacterList[] | undefined) =>
  Boolean(pages?.some((page) => page.data.some((character) => character.status === 'synthesizing')));

export function LibraryPage() {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const raw = search.get('status');
  const status = (FILTERS as readonly string[]).includes(raw ?? '') ? (raw as Filter) : undefined;
  const filters = { limit: PAGE_SIZE, status };

  const list = useInfiniteQuery({
    queryKey: characterQueries.list(filters).queryKey,
    queryFn: ({ pageParam, signal }) => aurous.listCharacters({ ...filters, starting_after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
    // Characters still synthesizing update by themselves; a settled list is left alone.
    refetchInterval: (query) => (hasSynthesizing(query.state.data?.pages) ? 3000 : false),
    refetchIntervalInBackground: false,
  });
  const characters = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Characters</h1>
        <label className="flex items-center gap-2 text-sm text-slate-900">
          Status
          <select
            value={status ?? ''}
            onChange={(event) => navigate(event.target.value ? `/characters?status=${event.target.value}` : '/characters')}
            className="rounded-lg border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="">All</option>
            {FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {filter[0]?.toUpperCase()}
                {filter.slice(1)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isError && !list.data && (
        <p role="alert" className="text-red-800">
          Could not load the characters: {describeError(list.error)}
        </p>
      )}
      {list.isPending && (
        <ul aria-label="Loading characters" aria-busy="true" className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {[0, 1, 2, 3].map((index) => (
            <li key={index} className="aspect-[3/4] animate-pulse rounded-xl bg-slate-200" />
          ))}
        </ul>
      )}
      {list.isSuccess && characters.length === 0 && (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-semibold text-slate-900">{status ? `No ${status} characters.` : 'No characters yet.'}</p>
          <p className="mt-1 text-slate-700">
            <Link href="/" className="text-indigo-800 underline">
              Create one from images
            </Link>{' '}
            or{' '}
            <Link href="/synthesize" className="text-indigo-800 underline">
              synthesize one from a description
            </Link>
            .
          </p>
        </div>
      )}
      {characters.length > 0 && (
        <ul aria-label="Characters" className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {characters.map((character) => {
            const cover = thumbnail(character);
            return (
              <li key={character.id} className="overflow-hidden rounded-xl border border-slate-200 bg-white">
                <Link href={`/characters/${character.id}`} className="block focus-visible:outline-2 focus-visible:outline-indigo-600">
                  <div className="aspect-[3/4] bg-slate-100">
                    {cover ? (
                      <img src={cover.url} alt={`${POSE_LABEL[cover.pose]} of ${character.name}`} loading="lazy" className="size-full object-cover" />
                    ) : (
                      <div className="flex size-full items-center justify-center text-sm text-slate-700">No image yet</div>
                    )}
                  </div>
                  <div className="flex items-center justify-between gap-2 px-3 py-2">
                    <span className="truncate font-medium text-slate-900">{character.name}</span>
                    <StatusBadge status={character.status} />
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" className="self-center" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
