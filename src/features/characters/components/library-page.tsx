import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearch, useLocation } from 'wouter';
import type { Character, CharacterList } from '../../../../contract/aurous';
import { INDEX_SORTS, type IndexSort } from '../../../../contract/character-index';
import { CHARACTER_STATUSES, type CharacterStatus } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { Notice } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { Skeleton, SkeletonTile } from '../../../components/ui/skeleton';
import { describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { useNow } from '../../../lib/use-now';
import { fieldVariants } from '../../../components/ui/text-variants';
import { messages } from '../messages';
import { LinkButton } from '../../../components/ui/link-button';
import { useLiveStream } from '../../../lib/aurous/live-status';
import { characterMutations, runMutation } from '../../../lib/aurous/character-mutations';
import { planBulk, runBulk, type BulkKind } from '../bulk-actions';
import { useLibraryLayout } from '../stores/library-view-store';
import { BulkConfirm, BulkProgress, SelectionBar, type BulkState } from './library-bulk';
import { LibraryCard, LibraryRow } from './library-item';

const PAGE_SIZE = 24;
const FILTERS = CHARACTER_STATUSES.filter((status) => status !== 'deleted');
type Filter = Exclude<CharacterStatus, 'deleted'>;

const CARD_GRID_CLASS = 'grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4';
const ROW_LIST_CLASS = 'divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface';

const hasSynthesizing = (pages: CharacterList[] | undefined) =>
  Boolean(pages?.some((page) => page.data.some((character) => character.status === 'synthesizing')));

/** The library's URL: `/characters?status=…&q=…&sort=…`, with only what differs from the defaults. */
function libraryHref(status: Filter | undefined, q: string, sort: IndexSort) {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  if (sort !== 'updated') params.set('sort', sort);
  const query = params.toString();
  return query ? `/characters?${query}` : '/characters';
}

export function LibraryPage() {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const raw = search.get('status');
  const status = (FILTERS as readonly string[]).includes(raw ?? '') ? (raw as Filter) : undefined;
  const q = search.get('q') ?? '';
  const rawSort = search.get('sort');
  const sort: IndexSort = (INDEX_SORTS as readonly string[]).includes(rawSort ?? '') ? (rawSort as IndexSort) : 'updated';
  const filters = { limit: PAGE_SIZE, status, sort, q: q.trim() || undefined };
  const filtered = Boolean(status || filters.q);

  const live = useLiveStream((state) => state.up);
  const list = useInfiniteQuery({
    ...characterQueries.list(filters),
    // Typing a search keeps the last answer on screen until the next one arrives.
    placeholderData: keepPreviousData,
    // Characters still synthesizing update by themselves: the live stream says so, or (while it
    // is down) the list reads the index again; a settled list is left alone.
    refetchInterval: (query) => (!live && hasSynthesizing(query.state.data?.pages) ? 3000 : false),
    refetchIntervalInBackground: false,
  });
  const characters = list.data?.pages.flatMap((page) => page.data) ?? [];
  const now = useNow(30_000);
  const showAll = () => navigate(libraryHref(undefined, '', sort));

  const layout = useLibraryLayout();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [bulk, setBulk] = useState<BulkState>(null);
  const [copied, setCopied] = useState<{ id: string; announcement: string } | null>(null);
  // Derived, not kept in step: the selection is what is chosen among the characters shown now.
  const selected = characters.filter((character) => chosen.has(character.id));
  const saveable = planBulk('save', selected).targets.length;
  const running = bulk?.phase === 'running';

  const select = (id: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const copy = (id: string, name: string) => {
    navigator.clipboard.writeText(id).then(
      () => setCopied({ id, announcement: messages.copiedAnnouncement(name, id) }),
      () => setCopied({ id: '', announcement: messages.copyFailed }),
    );
  };
  const ask = (kind: BulkKind) => setBulk({ phase: 'confirm', plan: planBulk(kind, selected) });
  const run = async () => {
    if (bulk?.phase !== 'confirm') return;
    const { plan } = bulk;
    setBulk({ phase: 'running', plan, finished: 0 });
    const outcome = await runBulk(
      plan,
      (character) =>
        plan.kind === 'save'
          ? runMutation(queryClient, characterMutations.save(queryClient, character.id), undefined)
          : runMutation(queryClient, characterMutations.remove(queryClient, character.id), undefined),
      { onProgress: (finished) => setBulk({ phase: 'running', plan, finished }) },
    );
    // What failed stays selected, for another try; the rest is done.
    setChosen(new Set(outcome.failed.map((failure) => failure.character.id)));
    setBulk({ phase: 'done', outcome });
  };
  const itemProps = (character: Character) => ({
    character,
    now,
    selected: chosen.has(character.id),
    onSelect: select,
    copied: copied?.id === character.id,
    onCopy: copy,
  });

  return (
    <div>
      <PageHeader
        title={messages.libraryTitle}
        description={messages.libraryDescription}
        actions={
          <>
            <label className="flex items-center gap-2 text-sm font-medium text-fg">
              {messages.searchLabel}
              <input
                type="search"
                value={q}
                maxLength={120}
                onChange={(event) => navigate(libraryHref(status, event.target.value, sort), { replace: true })}
                className={fieldVariants({ width: 'auto', className: 'w-40' })}
              />
            </label>
            <label className="flex items-center gap-2 text-sm font-medium text-fg">
              {messages.sortLabel}
              <select
                value={sort}
                onChange={(event) => navigate(libraryHref(status, q, event.target.value as IndexSort))}
                className={fieldVariants({ width: 'auto' })}
              >
                {INDEX_SORTS.map((each) => (
                  <option key={each} value={each}>
                    {messages.sortOption[each]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2 text-sm font-medium text-fg">
              {messages.statusFilter}
              <select
                value={status ?? ''}
                onChange={(event) => navigate(libraryHref((event.target.value || undefined) as Filter | undefined, q, sort))}
                className={fieldVariants({ width: 'auto' })}
              >
                <option value="">{messages.allStatuses}</option>
                {FILTERS.map((filter) => (
                  <option key={filter} value={filter}>
                    {messages.statusOption[filter]}
                  </option>
                ))}
              </select>
            </label>
          </>
        }
      />
      <div className="flex flex-col gap-5">
        {list.isError && !list.data && (
          <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-2">
            <p>{messages.loadCharactersFailed(describeError(list.error))}</p>
            <Button variant="secondary" size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
              {messages.retry}
            </Button>
          </Notice>
        )}
        {list.isPending && (
          <div aria-busy="true">
            <ul aria-hidden="true" className={CARD_GRID_CLASS}>
              {Array.from({ length: 8 }, (_, index) => (
                <li key={index}>
                  <SkeletonTile imageClassName="aspect-[3/4]">
                    <div className="flex flex-col gap-2 px-3 py-2">
                      <Skeleton className="h-5 w-3/4" />
                      <Skeleton className="h-4 w-1/2" />
                    </div>
                  </SkeletonTile>
                </li>
              ))}
            </ul>
            <span role="status" className="sr-only">
              {messages.loadingCharacters}
            </span>
          </div>
        )}
        {list.isSuccess && characters.length === 0 && (
          <EmptyState
            title={
              filters.q
                ? messages.searchEmptyTitle(filters.q)
                : status
                  ? messages.filteredEmptyTitle(messages.statusWord[status])
                  : messages.emptyTitle
            }
            action={
              filtered ? (
                <Button variant="secondary" onClick={showAll}>
                  {messages.clearFilter}
                </Button>
              ) : (
                <div className="flex flex-wrap justify-center gap-2">
                  <LinkButton href="/">{messages.fromImages}</LinkButton>
                  <LinkButton href="/synthesize" variant="secondary">
                    {messages.synthesizeLink}
                  </LinkButton>
                </div>
              )
            }
          >
            {filters.q ? messages.searchEmptyBody : status ? messages.filteredEmptyBody : messages.emptyBody}
          </EmptyState>
        )}
        {characters.length > 0 && (
          <SelectionBar
            shown={characters.length}
            selected={selected.length}
            saveable={saveable}
            busy={running}
            onSelectAll={(all) => setChosen(new Set(all ? characters.map((character) => character.id) : []))}
            onClear={() => setChosen(new Set())}
            onSave={() => ask('save')}
            onDelete={() => ask('delete')}
          />
        )}
        <BulkProgress state={bulk} onDismiss={() => setBulk(null)} />
        {characters.length > 0 &&
          (layout === 'list' ? (
            <ul aria-label={messages.charactersList} className={ROW_LIST_CLASS}>
              {characters.map((character) => (
                <LibraryRow key={character.id} {...itemProps(character)} />
              ))}
            </ul>
          ) : (
            <ul aria-label={messages.charactersList} className={CARD_GRID_CLASS}>
              {characters.map((character) => (
                <LibraryCard key={character.id} {...itemProps(character)} />
              ))}
            </ul>
          ))}
        <p role="status" className="sr-only">
          {copied?.announcement ?? ''}
        </p>
        <BulkConfirm state={bulk} onConfirm={() => void run()} onCancel={() => setBulk(null)} />
        {list.isFetchNextPageError && (
          <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-2">
            <p>{messages.loadMoreFailed(describeError(list.error))}</p>
            <Button variant="secondary" size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {messages.retry}
            </Button>
          </Notice>
        )}
        {list.hasNextPage && !list.isFetchNextPageError && (
          <Button variant="secondary" className="self-center" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? messages.loading : messages.loadMore}
          </Button>
        )}
      </div>
    </div>
  );
}
