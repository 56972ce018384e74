import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Character } from '../../../../contract/aurous';
import { COST, type Pose } from '../../../../contract/constants';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { canDelete, canSave, canSynthesize, deleteConsequence } from '../../../lib/aurous/character-rules';
import { POSE_LABEL } from '../../characters/pose-labels';
import { useReviewQueue } from '../api/use-review-queue';
import { formatBinding, type KeyAction } from '../keymap';
import { currentIndex } from '../queue-order';
import { FOCUS_ACTION, type CanonicalPose } from '../review-poses';
import { useReviewPreferences } from '../stores/review-settings-store';
import { usePaidConfirmed, useSentBackAt, useSessionActions, useSessionEntries, useSessionStartedAt } from '../stores/review-session-store';
import { DecisionDispatcher } from './decision-dispatcher';
import { KeysOverlay } from './keys-overlay';
import { PoseStage } from './pose-stage';
import { ReviewSettings } from './review-settings';
import { SessionLogPanel } from './session-log-panel';
import { useReviewKeys } from './use-review-keys';
import { ZoomPanDialog } from './zoom-pan-dialog';
import { CompareDialog } from './compare-dialog';
import { comparePair } from '../compare-pair';

type Asking = { kind: 'delete'; character: Character } | { kind: 'paid'; character: Character; pose: Pose | 'all' } | null;

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
  const [message, setMessage] = useState('');

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

  const moveTo = (target: number) => {
    const item = queue.items[target];
    if (item) setPosition({ id: item.character.id, index: target });
  };
  const decide = (subject: Character, decision: 'approve' | 'delete' | 'regenerate' | 'resynthesize', pose?: Pose) => {
    session.decided({ characterId: subject.id, characterName: subject.name, decision, pose });
    // The decided character leaves the list; the one after it takes its index.
    setPosition({ id: null, index });
    const what = decision === 'regenerate' ? `Regenerating the ${pose} pose of` : decision === 'approve' ? 'Approved' : decision === 'delete' ? 'Deleted' : 'Resynthesizing';
    setMessage(`${what} “${subject.name}”.${decision === 'regenerate' ? ' U undoes it for a few seconds.' : ''}`);
  };
  const paid = (subject: Character, pose: Pose | 'all') => {
    const rule = canSynthesize(subject);
    if (!rule.enabled) return setMessage(rule.reason ?? '');
    if (confirmPaid && !paidConfirmed) return setAsking({ kind: 'paid', character: subject, pose });
    if (pose === 'all') decide(subject, 'resynthesize');
    else decide(subject, 'regenerate', pose);
  };

  const onAction = (action: KeyAction) => {
    if (action === 'help') return setHelp(true);
    if (action === 'undo') return setMessage(session.undoRequested());
    if (action === 'next') return moveTo(Math.min(index + 1, queue.items.length - 1));
    if (action === 'previous') return moveTo(Math.max(index - 1, 0));
    const pose = (Object.keys(FOCUS_ACTION) as CanonicalPose[]).find((each) => FOCUS_ACTION[each] === action);
    if (pose) {
      if (pose !== focused) setFocusedBefore(focused);
      return setFocused(pose);
    }
    if (!character) return;
    if (action === 'zoom') return setZoomed(character.refs.some((ref) => ref.pose === focused));
    if (action === 'compare') return setComparing(comparePair(character.refs, focused, focusedBefore) !== null);
    if (action === 'approve') {
      const rule = canSave(character);
      return rule.enabled ? decide(character, 'approve') : setMessage(rule.reason ?? '');
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

  const failed = entries.findLast((entry) => entry.phase === 'failed');
  const key = (action: KeyAction) => formatBinding(keymap[action][0] ?? '—');
  const left = `${queue.items.length}${queue.complete ? '' : '+'}`;
  const zoomRef = character?.refs.find((ref) => ref.pose === focused);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">QA review</h1>
        <p className="text-sm text-slate-800" data-testid="queue-count">
          {left} {status} left · {direction === 'oldest' ? 'oldest' : 'newest'} first · press <kbd className="font-mono">{key('help')}</kbd> for keys
        </p>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-900">
        {message}
      </p>
      {failed && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {failed.decision} of “{failed.characterName}” failed: {failed.error}
        </p>
      )}

      {character ? (
        <section aria-labelledby="current-character" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="current-character" className="text-xl font-semibold text-slate-900">
              {character.name}
            </h2>
            {current.regenerated && <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">regenerated</span>}
            <span className="text-sm text-slate-700">
              {index + 1} of {left} · focused: {POSE_LABEL[focused]}
            </span>
            <span className="text-sm text-slate-700">
              {key('approve')} approve · {key('regenerate')} regenerate pose ({COST.regenerate} credit) · {key('resynthesize')} resynthesize all ({COST.resynthesize}) ·{' '}
              {key('delete')} delete · {key('undo')} undo
            </span>
          </div>
          {character.error_message && <p className="text-sm text-red-900">{character.error_message}</p>}
          <PoseStage
            character={character}
            focused={focused}
            keyFor={{ portrait: key('focusPortrait'), front: key('focusFront'), side: key('focusSide'), back: key('focusBack') }}
          />
        </section>
      ) : queue.error && queue.items.length === 0 ? (
        <p role="alert" className="text-red-900">
          The queue could not be loaded: {describeError(queue.error)}
        </p>
      ) : queue.isPending || !queue.complete ? (
        <p className="text-slate-700">Loading the queue…</p>
      ) : (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold text-slate-900">Queue clear</h2>
          <p className="text-slate-700">No {status} characters left to review.</p>
          {queue.awaiting.length > 0 && (
            <p className="text-slate-700">
              {queue.awaiting.length} regenerating {queue.awaiting.length === 1 ? 'character returns' : 'characters return'} here when ready.
            </p>
          )}
        </div>
      )}
      {character && queue.awaiting.length > 0 && (
        <p className="text-sm text-slate-700">{queue.awaiting.length} sent back to synthesizing; each returns to the end of the queue when ready.</p>
      )}

      <SessionLogPanel entries={entries} startedAt={startedAt} />
      <ReviewSettings />

      <DecisionDispatcher />
      <KeysOverlay open={help} keymap={keymap} onClose={() => setHelp(false)} />
      <ZoomPanDialog subject={zoomed && character && zoomRef ? { name: character.name, ref: zoomRef } : null} onClose={() => setZoomed(false)} />
      <CompareDialog
        name={character?.name ?? ''}
        pair={comparing && character ? comparePair(character.refs, focused, focusedBefore) : null}
        onClose={() => setComparing(false)}
      />
      <ConfirmDialog
        open={asking !== null}
        title={
          asking?.kind === 'delete'
            ? `Delete “${asking.character.name}”?`
            : asking?.pose === 'all'
              ? 'Resynthesize all poses?'
              : `Regenerate the ${asking?.pose ?? ''} pose?`
        }
        confirmLabel={asking?.kind === 'delete' ? 'Delete' : asking?.pose === 'all' ? 'Resynthesize' : 'Regenerate'}
        tone={asking?.kind === 'delete' ? 'danger' : 'primary'}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      >
        {asking?.kind === 'delete' && <p>{deleteConsequence(asking.character)}</p>}
        {asking?.kind === 'paid' && (
          <p>
            This costs {asking.pose === 'all' ? COST.resynthesize : COST.regenerate} {asking.pose === 'all' ? 'generations' : 'generation'}. Paid actions will not ask
            again this session (turn this off under “Keys and preferences”).
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
