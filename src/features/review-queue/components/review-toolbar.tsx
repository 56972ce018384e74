import { COST } from '../../../../contract/constants';
import { formatCredits } from '../../../lib/aurous/cost';
import { messages as apiMessages } from '../../../lib/aurous/messages';
import { formatBinding, type KeyAction, type KeyMap } from '../keymap';
import { messages } from '../messages';
import type { CanonicalPose } from '../review-poses';
import { ActionButton } from './action-button';

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
export function ReviewToolbar({ keymap, focused, onAction, can }: ReviewToolbarProps) {
  const button = (action: KeyAction) => ({ binding: formatBinding(keymap[action][0] ?? ''), onClick: () => onAction(action) });
  return (
    <div className="flex flex-col gap-2 bg-canvas/95 py-2 backdrop-blur-sm sm:sticky sm:top-0 sm:z-10 sm:-mx-1 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between sm:px-1">
      <div role="group" aria-label={messages.decisionsGroup} className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
        <ActionButton {...button('approve')}>{messages.approve}</ActionButton>
        <ActionButton variant="secondary" className="flex-wrap max-sm:px-2" {...button('regenerate')}>
          {messages.regenerate(apiMessages.poseWord[focused])}
          <span className="font-normal text-fg-muted">{messages.actionCost(formatCredits(COST.regenerate))}</span>
        </ActionButton>
        <ActionButton variant="secondary" className="flex-wrap max-sm:px-2" {...button('resynthesize')}>
          {messages.resynthesize}
          <span className="font-normal text-fg-muted">{messages.actionCost(formatCredits(COST.resynthesize))}</span>
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
