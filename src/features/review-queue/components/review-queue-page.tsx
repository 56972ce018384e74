import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { TeamQaPage } from './team-qa-page';
import { Button } from '../../../components/ui/button';
import { badgeVariants } from '../../../components/ui/variants';
import { Notice, toneText } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { describeError } from '../../../lib/aurous/api-error';
import { canDelete } from '../../../lib/aurous/character-rules';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { formatBinding, type KeyAction } from '../keymap';
import { messages } from '../messages';
import { ActionButton } from './action-button';
import { ClaimsPanel } from './claims-panel';
import { CompareDialog } from './compare-dialog';
import { KeysOverlay } from './keys-overlay';
import { PoseStage, PoseStageSkeleton } from './pose-stage';
import { QueueEmpty } from './queue-empty';
import { ReviewConfirmDialog } from './review-confirm-dialog';
import { ReviewSettings } from './review-settings';
import { ReviewToolbar } from './review-toolbar';
import { SessionLogPanel } from './session-log-panel';
import { useReviewController } from '../use-review-controller';
import type { LogEntry } from '../session-log';
import { ZoomPanDialog } from './zoom-pan-dialog';
import { PendingDecisions } from './pending-decisions';

import { PoseVersionList } from '../../../components/pose-history/pose-version-list';
import { PoseHistoryNote } from '../../../components/pose-history/pose-history-note';

/**
 * `/review`, the queue, and `/review/team`, the team QA page: lazy like the queue, in the queue's
 * chunk (a chunk of its own would split modules it shares with the first screen into more,
 * larger first-screen chunks).
 */
export function ReviewQueuePage() {
  const [location] = useLocation();
  return location === '/review/team' ? <TeamQaPage /> : <ReviewQueue />;
}

/** The review queue: the views over `useReviewController`, which owns every decision. */
function ReviewQueue() {
  const review = useReviewController();
  const { state, dispatch, keymap, status, direction, queue, index, current, zoomRef, pair, versions, failure } = review;
  const waiting = review.entries.filter((entry): entry is Extract<LogEntry, { phase: 'waiting' }> => entry.phase === 'waiting');
  const { overlay, focused, feedback } = state;
  const character = current?.character;
  const onAction = (action: KeyAction) => dispatch({ type: 'action', action });
  const close = () => dispatch({ type: 'closed' });
  const key = (action: KeyAction) => formatBinding(keymap[action][0] ?? '');

  let body: ReactNode;
  if (character) {
    body = (
      <section aria-labelledby="current-character" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 id="current-character" className="text-xl font-semibold break-words text-fg">
            {character.name}
          </h2>
          {current.regenerated && <span className={badgeVariants({ tone: 'warning' })}>{messages.regenerated}</span>}
          <span className="text-sm text-fg-muted">
            {messages.position(index + 1, queue.items.length, queue.complete, apiMessages.poseName[focused])}
          </span>
        </div>
        {character.error_message && <Notice tone="danger">{character.error_message}</Notice>}
        {current.awaiting && (
          <p role="status" className={toneText({ tone: 'muted' })}>
            {awaitingText(review.entries, character.id)}
          </p>
        )}
        <ReviewToolbar
          keymap={keymap}
          focused={focused}
          onAction={onAction}
          can={{
            delete: canDelete(character).enabled,
            previous: index > 0,
            next: index < queue.items.length - 1,
            zoom: Boolean(zoomRef),
            compare: pair !== null,
          }}
        />
        <PoseStage
          character={character}
          focused={focused}
          keyFor={{ portrait: key('focusPortrait'), front: key('focusFront'), side: key('focusSide'), back: key('focusBack') }}
          onFocus={(pose) => dispatch({ type: 'poseChosen', pose })}
          onStep={(step) => dispatch({ type: 'stageSwiped', step })}
        />
        {(versions.length > 1 || versions.some((each) => each.approved)) && (
          <section aria-label={messages.versionsOf(apiMessages.poseName[focused])} className="flex flex-col gap-1">
            <PoseVersionList pose={focused} versions={versions} size="sm" />
            <PoseHistoryNote />
          </section>
        )}
        {queue.awaiting.length > 0 && <p className="text-sm text-fg-muted">{messages.awaiting(queue.awaiting.length)}</p>}
      </section>
    );
  } else if (queue.error && queue.items.length === 0) {
    body = (
      <Notice tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-3">
        <span>{messages.loadFailed(describeError(queue.error))}</span>
        <Button variant="secondary" size="sm" onClick={queue.retry}>
          {messages.retry}
        </Button>
      </Notice>
    );
  } else if (queue.isPending || !queue.complete) {
    body = (
      <section aria-busy="true">
        <p role="status" className="sr-only">
          {messages.loading}
        </p>
        <PoseStageSkeleton />
      </section>
    );
  } else {
    body = (
      <QueueEmpty statusWord={messages.statusWord[status]}>
        {queue.awaiting.length > 0 && <p>{messages.awaitingWhenClear(queue.awaiting.length)}</p>}
      </QueueEmpty>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div>
        <PageHeader
          title={messages.title}
          description={
            <span data-testid="queue-count">
              {queue.error && queue.items.length === 0
                ? messages.countUnavailable
                : queue.isPending
                  ? messages.counting
                  : messages.queueCount(queue.items.length, queue.complete, messages.statusWord[status], messages.order[direction])}
            </span>
          }
          actions={
            <ActionButton
              variant="secondary"
              size="sm"
              binding={key('help')}
              aria-label={messages.keysName(messages.keys)}
              onClick={() => onAction('help')}
            >
              {messages.keys}
            </ActionButton>
          }
        />
        {/* Always in the page (a live region must exist before it speaks), out of sight while silent. */}
        <p role="status" className={feedback.text ? toneText({ tone: feedback.tone, className: '-mt-3' }) : 'sr-only'}>
          {feedback.text}
        </p>
      </div>
      <PendingDecisions entries={waiting} onUndo={(entryId) => dispatch({ type: 'undoPressed', entryId })} />
      {failure && (
        <Notice tone="danger" role="alert" className="flex flex-wrap items-start justify-between gap-3">
          <p>
            {messages.decisionFailed(messages.decision[failure.decision], failure.characterName, failure.error)}{' '}
            {failure.decision === 'regenerate' || failure.decision === 'resynthesize'
              ? messages.decisionFailedPaidNext
              : messages.decisionFailedNext}
          </p>
          <Button variant="ghost" size="sm" onClick={() => dispatch({ type: 'failureDismissed', entryId: failure.id })}>
            {messages.dismiss}
          </Button>
        </Notice>
      )}

      {body}

      <ClaimsPanel claims={review.claimedByOthers} rows={queue.rows} />

      <SessionLogPanel entries={review.entries} startedAt={review.startedAt} />
      <ReviewSettings />

      <KeysOverlay open={overlay?.kind === 'help'} keymap={keymap} onClose={close} />
      <ZoomPanDialog
        subject={overlay?.kind === 'zoom' && character && zoomRef ? { name: character.name, ref: zoomRef } : null}
        closeKeys={keymap.zoom}
        canStep={review.canStepZoom}
        onStep={(step) => dispatch({ type: 'zoomStepped', step })}
        onClose={close}
      />
      <CompareDialog
        name={character?.name ?? ''}
        pair={overlay?.kind === 'compare' ? pair : null}
        closeKeys={keymap.compare}
        onClose={close}
      />
      <ReviewConfirmDialog
        asking={overlay?.kind === 'confirm' ? overlay.asking : null}
        onConfirm={() => dispatch({ type: 'confirmed' })}
        onCancel={close}
      />
    </div>
  );
}

/** What the reviewer waits for on a character they sent back: the new image of one pose, or of all. */
function awaitingText(entries: readonly LogEntry[], id: string): string {
  const latest = entries.findLast((entry) => entry.characterId === id && entry.phase !== 'undone');
  return latest?.decision === 'regenerate' ? messages.awaitingResult(apiMessages.poseWord[latest.pose]) : messages.awaitingResultAll;
}
