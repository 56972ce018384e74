import { formatCost } from '../../../lib/aurous/cost';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { deleteConsequence } from '../../../lib/aurous/character-rules';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { messages } from '../messages';
import type { Asking } from '../review-reducer';

interface ReviewConfirmDialogProps {
  asking: Asking | null;
  onConfirm: () => void;
  onCancel: () => void;
}

function copy(asking: Asking | null) {
  if (asking?.kind === 'delete') {
    return {
      title: messages.deleteTitle(asking.character.name),
      confirmLabel: messages.confirmDelete,
      body: deleteConsequence(asking.character),
    };
  }
  if (asking?.pose === 'all') {
    return {
      title: messages.resynthesizeTitle,
      confirmLabel: messages.confirmResynthesize,
      body: messages.paidBody(formatCost('resynthesize')),
    };
  }
  return {
    title: messages.regenerateTitle(asking ? apiMessages.poseWord[asking.pose] : ''),
    confirmLabel: messages.confirmRegenerate,
    body: asking ? messages.paidBody(formatCost('regenerate')) : null,
  };
}

/** Asks before a delete, and before the session's first paid action (what it costs). The action has the focus. */
export function ReviewConfirmDialog({ asking, onConfirm, onCancel }: ReviewConfirmDialogProps) {
  const { title, confirmLabel, body } = copy(asking);
  return (
    <ConfirmDialog
      open={asking !== null}
      title={title}
      confirmLabel={confirmLabel}
      tone={asking?.kind === 'delete' ? 'danger' : 'primary'}
      // The reviewer asked for this by key: Enter confirms it, Escape cancels (a delete still has its undo window).
      defaultButton="confirm"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {body && <p>{body}</p>}
    </ConfirmDialog>
  );
}
