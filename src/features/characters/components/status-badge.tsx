import { cva } from 'class-variance-authority';
import type { CharacterStatus } from '../../../../contract/constants';
import { messages } from '../messages';

const badge = cva('inline-flex shrink-0 items-center rounded-full border px-2.5 py-0.5 text-xs font-semibold capitalize', {
  variants: {
    status: {
      synthesizing: 'border-info-line bg-info-soft text-info-fg',
      reviewing: 'border-warning-line bg-warning-soft text-warning-fg',
      ready: 'border-success-line bg-success-soft text-success-fg',
      failed: 'border-danger-line bg-danger-soft text-danger-fg',
      deleted: 'border-line bg-surface-muted text-fg-muted',
    } satisfies Record<CharacterStatus, string>,
  },
});

export function StatusBadge({ status }: { status: CharacterStatus }) {
  return <span className={badge({ status })}>{messages.status[status]}</span>;
}
