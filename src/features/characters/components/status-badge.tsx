import type { CharacterStatus } from '../../../../contract/constants';
import { cn } from '../../../components/ui/cn';

const STYLE: Record<CharacterStatus, string> = {
  synthesizing: 'bg-sky-100 text-sky-900',
  reviewing: 'bg-amber-100 text-amber-900',
  ready: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
  deleted: 'bg-slate-200 text-slate-800',
};

export function StatusBadge({ status }: { status: CharacterStatus }) {
  return <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-semibold capitalize', STYLE[status])}>{status}</span>;
}
