import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Character } from '../../../../contract/aurous';
import { COST, type Pose } from '../../../../contract/constants';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { canDelete, canSave, canSynthesize, deleteConsequence } from '../../../lib/aurous/character-rules';
import type { useCharacterActions } from '../api/use-character-actions';
import { POSE_LABEL } from '../pose-labels';
import { reviewTiles } from '../review-tiles';
import { useRegenerating } from '../stores/regenerating-store';
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

  const tiles = reviewTiles(character.refs);
  const viewable = tiles.flatMap((tile) => (tile.ref ? [tile.ref] : []));
  const saveRule = canSave(character);
  const synthRule = canSynthesize(character);
  const deleteRule = canDelete(character);
  const paidBusy = regenerate.isPending || resynthesize.isPending;
  const regenerating =
    character.status === 'synthesizing' ? (regeneratingWhat ?? 'all') : regenerate.isPending ? (regenerate.variables ?? null) : null;

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'regenerate') regenerate.mutate(pending.pose);
    if (pending.kind === 'resynthesize') resynthesize.mutate();
    if (pending.kind === 'delete') remove.mutate(undefined, { onSuccess: () => navigate('/characters') });
    setPending(null);
  };
  const reasons = [...new Set([saveRule.reason, synthRule.reason].filter((reason): reason is string => Boolean(reason)))];

  return (
    <section aria-label="Review" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => save.mutate()} disabled={!saveRule.enabled || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button variant="secondary" onClick={() => setPending({ kind: 'resynthesize' })} disabled={!synthRule.enabled || paidBusy}>
          Resynthesize all
        </Button>
        <Button variant="danger" onClick={() => setPending({ kind: 'delete' })} disabled={!deleteRule.enabled || remove.isPending}>
          Delete
        </Button>
        {reasons.length > 0 && <p className="text-sm text-slate-700">{reasons.join(' ')}</p>}
      </div>
      <ActionFeedback label="Save" mutation={save} />
      <ActionFeedback label="Regenerate" mutation={regenerate} />
      <ActionFeedback label="Resynthesize" mutation={resynthesize} />
      <ActionFeedback label="Delete" mutation={remove} />

      <ReviewGrid
        tiles={tiles}
        regenerating={regenerating}
        generateBlocked={synthRule.reason}
        busy={paidBusy}
        onOpen={setZoomIndex}
        onGenerate={(pose) => setPending({ kind: 'regenerate', pose })}
      />
      <ZoomDialog refs={viewable} index={zoomIndex} onIndexChange={setZoomIndex} onClose={() => setZoomIndex(null)} />

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === 'regenerate'
            ? `Regenerate the ${POSE_LABEL[pending.pose].toLowerCase()} pose?`
            : pending?.kind === 'resynthesize'
              ? 'Resynthesize all poses?'
              : 'Delete this character?'
        }
        confirmLabel={pending?.kind === 'delete' ? 'Delete' : pending?.kind === 'resynthesize' ? 'Resynthesize' : 'Regenerate'}
        tone={pending?.kind === 'delete' ? 'danger' : 'primary'}
        busy={paidBusy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'regenerate' && <p>This costs {COST.regenerate} generation. The other poses stay as they are.</p>}
        {pending?.kind === 'resynthesize' && <p>This costs {COST.resynthesize} generations and replaces every pose.</p>}
        {pending?.kind === 'delete' && <p>{deleteConsequence(character)}</p>}
      </ConfirmDialog>
    </section>
  );
}
