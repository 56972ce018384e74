/**
 * The library's selection: select all shown, how many are selected, Save / Delete for them (each
 * confirmed with the count and the cost), progress while they run, and the outcome after —
 * naming every character that failed, and why.
 */
import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Notice } from '../../../components/ui/notice';
import { describeError } from '../../../lib/aurous/api-error';
import { formatCredits } from '../../../lib/aurous/cost';
import type { BulkOutcome, BulkPlan } from '../bulk-actions';
import { messages } from '../messages';
import { LIBRARY_LAYOUTS, useLibraryLayout, useLibraryViewActions } from '../stores/library-view-store';

export type BulkState =
  | { phase: 'confirm'; plan: BulkPlan }
  | { phase: 'running'; plan: BulkPlan; finished: number }
  | { phase: 'done'; outcome: BulkOutcome }
  | null;

interface SelectionBarProps {
  shown: number;
  selected: number;
  /** Of the selected, how many Save applies to (those in review). */
  saveable: number;
  busy: boolean;
  onSelectAll: (all: boolean) => void;
  onClear: () => void;
  onSave: () => void;
  onDelete: () => void;
}

const CHECKBOX = 'size-6 cursor-pointer accent-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus';

export function SelectionBar({ shown, selected, saveable, busy, onSelectAll, onClear, onSave, onDelete }: SelectionBarProps) {
  const all = useRef<HTMLInputElement>(null);
  const layout = useLibraryLayout();
  const { layoutChosen } = useLibraryViewActions();
  useEffect(() => {
    if (all.current) all.current.indeterminate = selected > 0 && selected < shown;
  }, [selected, shown]);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <label className="flex min-h-8 cursor-pointer items-center gap-2 text-sm font-medium text-fg">
        <input
          ref={all}
          type="checkbox"
          checked={shown > 0 && selected === shown}
          onChange={(event) => onSelectAll(event.target.checked)}
          className={CHECKBOX}
        />
        {messages.selectAllShown}
      </label>
      <div role="group" aria-label={messages.bulkActions} className="flex flex-wrap items-center gap-2">
        <span role="status" className="text-sm text-fg-muted">
          {selected > 0 ? messages.selectedCount(selected) : ''}
        </span>
        {selected > 0 && (
          <>
            <Button size="sm" onClick={onSave} disabled={busy || saveable === 0}>
              {messages.bulkSave(saveable)}
            </Button>
            <Button size="sm" variant="danger" onClick={onDelete} disabled={busy}>
              {messages.bulkDelete(selected)}
            </Button>
            <Button size="sm" variant="ghost" onClick={onClear} disabled={busy}>
              {messages.clearSelection}
            </Button>
          </>
        )}
      </div>
      <div role="group" aria-label={messages.layoutGroup} className="ml-auto flex rounded-lg border border-line bg-surface p-0.5">
        {LIBRARY_LAYOUTS.map((each) => (
          <Button
            key={each}
            size="sm"
            variant={layout === each ? 'secondary' : 'ghost'}
            aria-pressed={layout === each}
            onClick={() => layoutChosen(each)}
          >
            {messages.layoutOption[each]}
          </Button>
        ))}
      </div>
    </div>
  );
}

/** The confirmation: how many, what happens to them, what it costs. */
export function BulkConfirm({ state, onConfirm, onCancel }: { state: BulkState; onConfirm: () => void; onCancel: () => void }) {
  const plan = state?.phase === 'confirm' ? state.plan : null;
  const count = plan?.targets.length ?? 0;
  const inReview = plan?.targets.filter((character) => character.status === 'reviewing').length ?? 0;
  const free = formatCredits(0);
  return (
    <ConfirmDialog
      open={plan !== null}
      title={plan?.kind === 'delete' ? messages.bulkDeleteTitle(count) : messages.bulkSaveTitle(count)}
      confirmLabel={plan?.kind === 'delete' ? messages.bulkDelete(count) : messages.bulkSave(count)}
      tone={plan?.kind === 'delete' ? 'danger' : 'primary'}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {plan?.kind === 'save' && (
        <div className="flex flex-col gap-2">
          <p>{messages.bulkSaveBody(free)}</p>
          {plan.skipped.length > 0 && <p>{messages.bulkSaveSkipped(plan.skipped.length)}</p>}
        </div>
      )}
      {plan?.kind === 'delete' && (
        <div className="flex flex-col gap-2">
          {inReview > 0 && <p>{messages.bulkDeleteInReview(inReview)}</p>}
          {count - inReview > 0 && <p>{messages.bulkDeleteOthers(count - inReview)}</p>}
          <p>{messages.bulkDeleteCost(free)}</p>
        </div>
      )}
    </ConfirmDialog>
  );
}

/** Progress while it runs; the outcome once it has, every failure by name. */
export function BulkProgress({ state, onDismiss }: { state: BulkState; onDismiss: () => void }) {
  if (state?.phase === 'running') {
    return (
      <p role="status" className="text-sm text-fg-muted">
        {messages.bulkProgress(state.plan.kind, state.finished, state.plan.targets.length)}
      </p>
    );
  }
  if (state?.phase !== 'done') return null;
  const { outcome } = state;
  const total = outcome.done.length + outcome.failed.length;
  const failed = outcome.failed.length > 0;
  return (
    <Notice tone={failed ? 'danger' : 'success'} role={failed ? 'alert' : 'status'} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-medium">{messages.bulkDone(outcome.kind, outcome.done.length, total)}</p>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {messages.dismiss}
        </Button>
      </div>
      {failed && (
        <>
          <p>{messages.bulkFailedIntro(outcome.kind, outcome.failed.length)}</p>
          <ul className="flex flex-col gap-1">
            {outcome.failed.map(({ character, error }) => (
              <li key={character.id}>{messages.bulkFailedRow(character.name, describeError(error))}</li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}
