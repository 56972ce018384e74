import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Notice, toneText } from '../../../components/ui/notice';
import { Skeleton, SkeletonTile } from '../../../components/ui/skeleton';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { isSettled, pollInterval, synthesizingForMs } from '../../../lib/aurous/character-polling';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { useLiveStream } from '../../../lib/aurous/live-status';
import { useNow } from '../../../lib/use-now';
import { useRegenerating } from '../../../lib/regenerating-store';
import { WaitingForApi } from '../../../components/waiting-for-api';
import { useCharacterActions } from '../api/use-character-actions';
import { messages } from '../messages';
import { failureReason } from '../failure-reason';
import { CharacterReview } from './character-review';
import { EditDetailsForm } from './edit-details-form';
import { LinkButton } from '../../../components/ui/link-button';
import { RelativeTime } from './relative-time';
import { REVIEW_GRID_CLASS } from './review-grid';
import { StatusBadge } from './status-badge';
// The page is its own lazy route: its history comes with it, never on the first screen of another page.
import { PoseHistorySection } from '../../../components/pose-history/pose-history-section';
import { SynthesisStatus } from './synthesis-status';

export function CharacterPage({ id }: { id: string }) {
  // While the live stream is up it says when the character changes; while it is down the page
  // polls, and after the first read those polls go to the console's index (free).
  const live = useLiveStream((state) => state.up);
  const character = useQuery({
    ...characterQueries.detail(id),
    // How long it has been synthesizing comes from the character itself, so a reload resumes
    // the same back-off instead of starting over.
    refetchInterval: (query) => (live ? false : pollInterval(query.state.data?.status, synthesizingForMs(query.state.data))),
    refetchIntervalInBackground: false,
    // A settled character changes only through what this page does, which updates the cache
    // itself: no refetch on focus or remount.
    staleTime: (query) => (isSettled(query.state.data?.status) ? Infinity : 0),
  });
  // Decisions carry the version on screen: one made on a character someone changed since is refused.
  const actions = useCharacterActions(id, character.data?.updated_at);
  const [editing, setEditing] = useState(false);
  const now = useNow(30_000);
  const regenerating = useRegenerating(id);
  const singlePose = regenerating !== undefined && regenerating !== 'all' && character.data?.status === 'synthesizing';
  // The status before the current synthesis: a single pose being regenerated keeps the review hint as it was.
  const status = character.data?.status;
  const [settled, setSettled] = useState(status);
  if (status !== undefined && status !== 'synthesizing' && status !== settled) setSettled(status);

  // Data first: a failed background refresh must not blank what is already on screen.
  if (character.data) {
    const { data } = character;
    return (
      <div className="flex flex-col gap-5">
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="min-w-0 break-words text-2xl font-bold text-fg">{data.name}</h1>
            <StatusBadge status={data.status} />
            {!editing && (
              <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
                {messages.editDetails}
              </Button>
            )}
          </div>
          <p className="flex flex-wrap gap-x-3 text-sm text-fg-muted">
            <RelativeTime time={data.created_at} now={now} label={messages.created} />
            {Date.parse(data.updated_at) - Date.parse(data.created_at) >= 60_000 && (
              <RelativeTime time={data.updated_at} now={now} label={messages.updated} />
            )}
          </p>
        </div>
        {/* Only when the stream is down too, and never for a refetch queued behind the team's rate budget. */}
        {character.isRefetchError && !live && !(character.error instanceof AurousApiError && character.error.type === 'rate_limit') && (
          <p role="status" className={toneText({ tone: 'warning' })}>
            {messages.reconnecting}
          </p>
        )}
        {editing && (
          <EditDetailsForm
            character={data}
            saving={actions.update.isPending}
            error={actions.update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(body) => actions.update.mutate(body, { onSuccess: () => setEditing(false) })}
          />
        )}
        {!editing && actions.update.isSuccess && (
          <Notice tone="success" role="status">
            {messages.detailsSavedNotice}
          </Notice>
        )}
        {/* A single pose being regenerated is shown on its own tile: the rest of the page stays still. */}
        {data.status === 'synthesizing' && !singlePose && <SynthesisStatus character={data} />}
        {data.status === 'failed' && (
          <Notice tone="danger" role="alert">
            <p className="font-semibold">{messages.synthesisFailed}</p>
            <p className="mt-1">
              {failureReason(data.error_message) ?? messages.noReason} {messages.failedNextStep}
            </p>
          </Notice>
        )}
        {(singlePose ? settled : data.status) === 'reviewing' && <p className="text-fg-muted">{messages.reviewHint}</p>}
        <CharacterReview character={data} actions={actions} />
        <PoseHistorySection character={data} />
        <p className="text-sm break-all text-fg-muted">
          {messages.characterId} <code className="rounded-lg bg-surface-muted px-1 text-fg">{data.id}</code>
        </p>
      </div>
    );
  }
  if (character.isError) {
    const gone = character.error instanceof AurousApiError && character.error.status === 404;
    return (
      <Notice tone={gone ? 'warning' : 'danger'} role="alert" className="flex flex-col gap-3">
        <h1 className="text-xl font-bold">{gone ? messages.notFoundTitle : messages.loadCharacterFailed}</h1>
        <p>{gone ? messages.notFoundBody : describeError(character.error)}</p>
        <div className="flex flex-wrap gap-2">
          {!gone && (
            <Button onClick={() => void character.refetch()} disabled={character.isFetching}>
              {messages.retry}
            </Button>
          )}
          <LinkButton href="/characters" variant={gone ? 'primary' : 'secondary'}>
            {messages.goToLibrary}
          </LinkButton>
        </div>
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <Skeleton className="h-8 w-48 max-w-full" />
          <Skeleton className="h-5 w-20" />
        </div>
        <Skeleton className="h-4 w-40" />
      </div>
      <div className="flex flex-wrap gap-2">
        <Skeleton className="h-10 w-20" />
        <Skeleton className="h-10 w-36" />
        <Skeleton className="h-10 w-20" />
      </div>
      <div className={REVIEW_GRID_CLASS}>
        {[0, 1, 2, 3].map((index) => (
          <SkeletonTile key={index} imageClassName="aspect-[3/4]">
            <div className="flex items-center justify-between gap-2 px-3 py-2">
              <Skeleton className="h-6 w-16" />
              <Skeleton className="h-8 w-24" />
            </div>
          </SkeletonTile>
        ))}
      </div>
      {/* Nothing on screen yet, so a long wait for the team's rate budget is said (never for a background refetch). */}
      {character.failureReason ? <WaitingForApi reason={character.failureReason} /> : null}
      <span role="status" className="sr-only">
        {messages.loadingCharacter}
      </span>
    </div>
  );
}
