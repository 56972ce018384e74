import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { Character } from '../../../../contract/aurous';
import { COST, type Pose } from '../../../../contract/constants';
import { Button, type ButtonProps } from '../../../components/ui/button';
import { badgeVariants } from '../../../components/ui/variants';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Notice, toneText } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { canDelete, canSave, canSynthesize, deleteConsequence } from '../../../lib/aurous/character-rules';
import { useReviewQueue } from '../api/use-review-queue';
import { comparePair } from '../compare-pair';
import { formatBinding, type KeyAction, type KeyMap } from '../keymap';
import { messages } from '../messages';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { currentIndex } from '../queue-order';
import { FOCUS_ACTION, stepPose, type CanonicalPose } from '../review-poses';
import type { LogEntry } from '../session-log';
import { useReviewPreferences } from '../stores/review-settings-store';
import {
  usePaidConfirmed,
  useSentBackAt,
  useSessionActions,
  useSessionEntries,
  useSessionStartedAt,
  type UndoOutcome,
} from '../stores/review-session-store';
import { CompareDialog } from './compare-dialog';
import { DecisionDispatcher } from './decision-dispatcher';
import { KeyHint } from './key-hint';
import { KeysOverlay } from './keys-overlay';
import { PoseStage, PoseStageSkeleton } from './pose-stage';
import { QueueEmpty } from './queue-empty';
import { ReviewSettings } from './review-settings';
import { SessionLogPanel } from './session-log-panel';
import { useReviewKeys } from './use-review-keys';
import { ZoomPanDialog } from './zoom-pan-dialog';

type Asking = { kind: 'delete'; character: Character } | { kind: 'paid'; character: Character; pose: Pose | 'all' } | null;
type Feedback = { text: string; tone: 'muted' | 'success' | 'warning' };
type FailedEntry = Extract<LogEntry, { phase: 'failed' }>;

const ALL_POSES: readonly CanonicalPose[] = ['portrait', 'front', 'side', 'back'];

function undoFeedback(outcome: UndoOutcome): Feedback {
  switch (outcome.kind) {
    case 'nothing':
      return { text: messages.nothingToUndo, tone: 'muted' };
    case 'undone':
      return { text: messages.undone(outcome.pose ? apiMessages.poseWord[outcome.pose] : '', outcome.name), tone: 'success' };
    case 'final':
      return { text: outcome.decision === 'approve' ? messages.saveIsFinal(outcome.name) : messages.deleteIsFinal(outcome.name), tone: 'warning' };
    case 'tooLate':
      return { text: messages.tooLateToUndo(messages.decision[outcome.decision], outcome.name), tone: 'warning' };
  }
}

/** A toolbar button that names its key: shown beside the label, and told to assistive technology. */
function ActionButton({ binding, children, ...props }: ButtonProps & { binding: string }) {
  return (
    <Button aria-keyshortcuts={binding || undefined} {...props}>
      {children}
      <KeyHint binding={binding} />
    </Button>
  );
}

export function ReviewQueuePage() {
  const queryClient = useQueryClient();
  const { keymap, direction, status, confirmPaid } = useReviewPreferences();
  const entries = useSessionEntries();
  const startedAt = useSessionStartedAt();
  const sentBackAt = useSentBackAt();
  const paidConfirmed = usePaidConfirmed();
  const session = useSessionActions();
  const queue = useReviewQueue({ status, direction, entries, sentBackAt });

  const [position, setPosition] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const [focused, setFocused] = useState<CanonicalPose>('portrait');
  const [focusedBefore, setFocusedBefore] = useState<CanonicalPose | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [help, setHelp] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [feedback, setFeedback] = useState<Feedback>({ text: '', tone: 'muted' });
  const [dismissed, setDismissed] = useState<string | null>(null);

  const index = currentIndex(queue.items, position);
  const current = queue.items[index];
  const next = queue.items[index + 1];
  const character = current?.character;

  useEffect(() => {
    if (character) session.sessionStarted(Date.now());
  }, [character, session]);

  // The next character's detail and images are loaded before the reviewer gets there.
  useEffect(() => {
    if (!next) return;
    void queryClient.prefetchQuery(characterQueries.detail(next.character.id));
    for (const ref of next.character.refs) new Image().src = ref.url;
  }, [next, queryClient]);

  const say = (text: string, tone: Feedback['tone'] = 'muted') => setFeedback({ text, tone });
  const moveTo = (target: number) => {
    const item = queue.items[target];
    if (item) setPosition({ id: item.character.id, index: target });
  };
  const focus = (pose: CanonicalPose) => {
    if (pose !== focused) setFocusedBefore(focused);
    setFocused(pose);
  };
  const posesWithImages = ALL_POSES.filter((pose) => character?.refs.some((ref) => ref.pose === pose));
  /** A swipe on the stage: focus the neighbouring tile and bring it into view (one column on a phone). */
  const stepStage = (step: 1 | -1) => {
    const pose = stepPose(ALL_POSES, focused, step);
    if (!pose) return;
    focus(pose);
    document.querySelector(`[data-pose="${pose}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const stepZoomed = (step: 1 | -1) => {
    const pose = stepPose(posesWithImages, focused, step);
    if (pose) focus(pose);
  };

  const decide = (subject: Character, decision: 'approve' | 'delete' | 'regenerate' | 'resynthesize', pose?: Pose) => {
    session.decided({ characterId: subject.id, characterName: subject.name, decision, pose });
    // The decided character leaves the list; the one after it takes its index.
    setPosition({ id: null, index });
    if (decision === 'approve') say(messages.approved(subject.name), 'success');
    else if (decision === 'delete') say(messages.deleted(subject.name), 'success');
    else if (decision === 'regenerate') say(messages.regenerating(apiMessages.poseWord[pose ?? 'portrait'], subject.name), 'success');
    else say(messages.resynthesizing(subject.name), 'success');
  };
  const paid = (subject: Character, pose: Pose | 'all') => {
    const rule = canSynthesize(subject);
    if (!rule.enabled) return say(rule.reason ?? '', 'warning');
    if (confirmPaid && !paidConfirmed) return setAsking({ kind: 'paid', character: subject, pose });
    if (pose === 'all') decide(subject, 'resynthesize');
    else decide(subject, 'regenerate', pose);
  };

  const onAction = (action: KeyAction) => {
    if (action === 'help') return setHelp(true);
    if (action === 'undo') return setFeedback(undoFeedback(session.undoRequested()));
    if (action === 'next') return moveTo(Math.min(index + 1, queue.items.length - 1));
    if (action === 'previous') return moveTo(Math.max(index - 1, 0));
    const pose = ALL_POSES.find((each) => FOCUS_ACTION[each] === action);
    if (pose) return focus(pose);
    if (!character) return;
    if (action === 'zoom') return setZoomed(character.refs.some((ref) => ref.pose === focused));
    if (action === 'compare') return setComparing(comparePair(character.refs, focused, focusedBefore) !== null);
    if (action === 'approve') {
      const rule = canSave(character);
      return rule.enabled ? decide(character, 'approve') : say(rule.reason ?? '', 'warning');
    }
    if (action === 'delete') return canDelete(character).enabled && setAsking({ kind: 'delete', character });
    if (action === 'regenerate') return paid(character, focused);
    if (action === 'resynthesize') return paid(character, 'all');
  };
  useReviewKeys(keymap, onAction);

  const confirm = () => {
    if (!asking) return;
    if (asking.kind === 'delete') decide(asking.character, 'delete');
    else {
      session.paidConfirmed();
      if (asking.pose === 'all') decide(asking.character, 'resynthesize');
      else decide(asking.character, 'regenerate', asking.pose);
    }
    setAsking(null);
  };

  // The latest failure, until the reviewer dismisses it or decides on that character again.
  const failed = entries.findLast((entry): entry is FailedEntry => entry.phase === 'failed');
  const showFailure =
    failed && failed.id !== dismissed && !entries.slice(entries.indexOf(failed) + 1).some((entry) => entry.characterId === failed.characterId);

  const key = (action: KeyAction) => formatBinding(keymap[action][0] ?? '');
  const zoomRef = character?.refs.find((ref) => ref.pose === focused);
  const pair = character ? comparePair(character.refs, focused, focusedBefore) : null;

  let body: ReactNode;
  if (character) {
    body = (
      <section aria-labelledby="current-character" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 id="current-character" className="text-xl font-semibold break-words text-fg">
            {character.name}
          </h2>
          {current.regenerated && (
            <span className={badgeVariants({ tone: 'warning' })}>{messages.regenerated}</span>
          )}
          <span className="text-sm text-fg-muted">
            {messages.position(index + 1, queue.items.length, queue.complete, apiMessages.poseName[focused])}
          </span>
        </div>
        {character.error_message && <Notice tone="danger">{character.error_message}</Notice>}
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
          onFocus={focus}
          onStep={stepStage}
        />
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
            <ActionButton variant="secondary" size="sm" binding={key('help')} aria-label={messages.keysName(messages.keys)} onClick={() => setHelp(true)}>
              {messages.keys}
            </ActionButton>
          }
        />
        {/* Always in the page (a live region must exist before it speaks), out of sight while silent. */}
        <p role="status" className={feedback.text ? toneText({ tone: feedback.tone, className: '-mt-3' }) : 'sr-only'}>
          {feedback.text}
        </p>
      </div>
      {showFailure && (
        <Notice tone="danger" role="alert" className="flex flex-wrap items-start justify-between gap-3">
          <p>
            {messages.decisionFailed(messages.decision[failed.decision], failed.characterName, failed.error)} {messages.decisionFailedNext}
          </p>
          <Button variant="ghost" size="sm" onClick={() => setDismissed(failed.id)}>
            {messages.dismiss}
          </Button>
        </Notice>
      )}

      {body}

      <SessionLogPanel entries={entries} startedAt={startedAt} />
      <ReviewSettings />

      <DecisionDispatcher />
      <KeysOverlay open={help} keymap={keymap} onClose={() => setHelp(false)} />
      <ZoomPanDialog
        subject={zoomed && character && zoomRef ? { name: character.name, ref: zoomRef } : null}
        canStep={{ previous: stepPose(posesWithImages, focused, -1) !== null, next: stepPose(posesWithImages, focused, 1) !== null }}
        onStep={stepZoomed}
        onClose={() => setZoomed(false)}
      />
      <CompareDialog name={character?.name ?? ''} pair={comparing ? pair : null} onClose={() => setComparing(false)} />
      <ConfirmDialog
        open={asking !== null}
        title={
          asking?.kind === 'delete'
            ? messages.deleteTitle(asking.character.name)
            : asking?.pose === 'all'
              ? messages.resynthesizeTitle
              : messages.regenerateTitle(asking ? apiMessages.poseWord[asking.pose] : '')
        }
        confirmLabel={asking?.kind === 'delete' ? messages.confirmDelete : asking?.pose === 'all' ? messages.confirmResynthesize : messages.confirmRegenerate}
        tone={asking?.kind === 'delete' ? 'danger' : 'primary'}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      >
        {asking?.kind === 'delete' && <p>{deleteConsequence(asking.character)}</p>}
        {asking?.kind === 'paid' && <p>{messages.paidBody(asking.pose === 'all' ? COST.resynthesize : COST.regenerate)}</p>}
      </ConfirmDialog>
    </div>
  );
}

interface ReviewToolbarProps {
  keymap: KeyMap;
  focused: CanonicalPose;
  onAction: (action: KeyAction) => void;
  can: { delete: boolean; previous: boolean; next: boolean; zoom: boolean; compare: boolean };
}

/**
 * Every key action as a button too: a reviewer on a tablet has no keyboard. From tablet width up
 * it stays at the top of the screen while the poses scroll under it; on a phone it is a compact
 * grid above the poses (which are one column there).
 */
function ReviewToolbar({ keymap, focused, onAction, can }: ReviewToolbarProps) {
  const key = (action: KeyAction) => formatBinding(keymap[action][0] ?? '');
  const button = (action: KeyAction) => ({ binding: key(action), onClick: () => onAction(action) });
  return (
    <div className="flex flex-col gap-2 bg-canvas/95 py-2 backdrop-blur-sm sm:sticky sm:top-0 sm:z-10 sm:-mx-1 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between sm:px-1">
      <div role="group" aria-label={messages.decisionsGroup} className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
        <ActionButton {...button('approve')}>{messages.approve}</ActionButton>
        <ActionButton variant="secondary" className="flex-wrap max-sm:px-2" {...button('regenerate')}>
          {messages.regenerate(apiMessages.poseWord[focused])}
          <span className="font-normal text-fg-muted">{messages.actionCost(COST.regenerate)}</span>
        </ActionButton>
        <ActionButton variant="secondary" className="flex-wrap max-sm:px-2" {...button('resynthesize')}>
          {messages.resynthesize}
          <span className="font-normal text-fg-muted">{messages.actionCost(COST.resynthesize)}</span>
        </ActionButton>
        <ActionButton variant="danger" disabled={!can.delete} {...button('delete')}>
          {messages.delete}
        </ActionButton>
      </div>
      <div role="group" aria-label={messages.navigationGroup} className="grid grid-cols-3 gap-2 sm:flex sm:flex-wrap">
        <ActionButton variant="ghost" className="max-sm:px-2" {...button('undo')}>
          {messages.undo}
        </ActionButton>
        <ActionButton variant="secondary" className="max-sm:px-2" disabled={!can.previous} {...button('previous')}>
          {messages.previous}
        </ActionButton>
        <ActionButton variant="secondary" className="max-sm:px-2" disabled={!can.next} {...button('next')}>
          {messages.next}
        </ActionButton>
        <ActionButton variant="secondary" className="max-sm:px-2" disabled={!can.zoom} {...button('zoom')}>
          {messages.zoom}
        </ActionButton>
        <ActionButton variant="secondary" className="max-sm:px-2" disabled={!can.compare} {...button('compare')}>
          {messages.compare}
        </ActionButton>
      </div>
    </div>
  );
}
