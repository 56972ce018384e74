import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import type { Character } from '../../../../contract/aurous';
import type { Pose } from '../../../../contract/constants';
import { formatCost } from '../../../lib/aurous/cost';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { toneText } from '../../../components/ui/notice';
import { canDelete, canSave, canSynthesize, deleteConsequence } from '../../../lib/aurous/character-rules';
import type { useCharacterActions } from '../api/use-character-actions';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { messages } from '../messages';
import { reviewTiles } from '../../../lib/aurous/review-tiles';
import { useRegenerating } from '../../../lib/regenerating-store';
import { ActionFeedback } from './action-feedback';
import { ReviewGrid } from './review-grid';
import { ZoomDialog } from './zoom-dialog';

type Pending = { kind: 'regenerate'; pose: Pose } | { kind: 'resynthesize' } | { kind: 'delete' } | null;

interface CharacterReviewProps {
  character: Character;
  actions: ReturnType<typeof useCharacterActions>;
}

export function CharacterReview({ character, actions }: CharacterReviewProps) {
  const [pending, setPending] = useState<Pending>(null);
  const [zoomIndex, setZoomIndex] = useState<number | null>(null);
  const [, navigate] = useLocation();
  const regeneratingWhat = useRegenerating(character.id);
  const { save, regenerate, resynthesize, remove } = actions;
  const reasonsId = useId();

  const tiles = reviewTiles(character.refs);
  const viewable = tiles.flatMap((tile) => (tile.ref ? [tile.ref] : []));
  const saveRule = canSave(character);
  const synthRule = canSynthesize(character);
  const deleteRule = canDelete(character);
  const paidBusy = regenerate.isPending || resynthesize.isPending;
  const regenerating =
    character.status === 'synthesizing' ? (regeneratingWhat ?? 'all') : regenerate.isPending ? (regenerate.variables ?? null) : null;

  const singlePose = regenerating !== null && regenerating !== 'all';

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'regenerate') regenerate.mutate(pending.pose);
    if (pending.kind === 'resynthesize') resynthesize.mutate();
    if (pending.kind === 'delete') remove.mutate(undefined, { onSuccess: () => navigate('/characters') });
    setPending(null);
  };
  // A saved character has nothing to save: no faded Save button, just the fact (and not twice
  // while the "Saved." notice is up).
  const saved = character.status === 'ready';
  const saveReason = saved && save.isSuccess ? null : saveRule.reason;
  const reasons = [...new Set([saveReason, synthRule.reason].filter((reason): reason is string => Boolean(reason)))];

  return (
    <section aria-label={messages.review} className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        {!saved && (
          <Button onClick={() => save.mutate()} disabled={!saveRule.enabled || save.isPending}>
            {save.isPending ? messages.saving : messages.save}
          </Button>
        )}
        <Button variant="secondary" onClick={() => setPending({ kind: 'resynthesize' })} disabled={!synthRule.enabled || paidBusy}>
          {messages.resynthesizeAll}
        </Button>
        <Button variant="danger" onClick={() => setPending({ kind: 'delete' })} disabled={!deleteRule.enabled || remove.isPending}>
          {messages.delete}
        </Button>
        {reasons.length > 0 && (
          // One pose regenerating says so on its tile: on a narrow screen, where the reason would take
          // a line of its own and push the grid down, it stays for screen readers only (the tiles'
          // buttons point to it); from sm up it sits beside the buttons and moves nothing.
          <p id={reasonsId} className={cn(toneText(), 'basis-full sm:basis-auto', singlePose && 'max-sm:sr-only')}>
            {reasons.join(' ')}
          </p>
        )}
      </div>
      <ActionFeedback
        label={messages.save}
        mutation={save}
        onRetry={() => save.mutate()}
        success={character.status === 'ready' ? messages.savedNotice : null}
      />
      <ActionFeedback label={messages.regenerate} mutation={regenerate} />
      <ActionFeedback label={messages.resynthesize} mutation={resynthesize} />
      <ActionFeedback label={messages.delete} mutation={remove} />

      <ReviewGrid
        tiles={tiles}
        regenerating={regenerating}
        generateBlocked={synthRule.reason}
        blockedReasonId={reasonsId}
        busy={paidBusy}
        onOpen={setZoomIndex}
        onGenerate={(pose) => setPending({ kind: 'regenerate', pose })}
      />
      <ZoomDialog refs={viewable} index={zoomIndex} onIndexChange={setZoomIndex} onClose={() => setZoomIndex(null)} />

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'regenerate'
            ? messages.regenerateTitle(apiMessages.poseWord[pending.pose])
            : pending?.kind === 'resynthesize'
              ? messages.resynthesizeTitle
              : messages.deleteTitle
        }
        confirmLabel={
          pending?.kind === 'delete' ? messages.delete : pending?.kind === 'resynthesize' ? messages.resynthesize : messages.regenerate
        }
        tone={pending?.kind === 'delete' ? 'danger' : 'primary'}
        busy={paidBusy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'regenerate' && <p>{messages.regenerateCost(formatCost('regenerate'))}</p>}
        {pending?.kind === 'resynthesize' && <p>{messages.resynthesizeCost(formatCost('resynthesize'))}</p>}
        {pending?.kind === 'delete' && <p>{deleteConsequence(character)}</p>}
      </ConfirmDialog>
    </section>
  );
}
