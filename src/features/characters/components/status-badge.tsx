import type { VariantProps } from 'class-variance-authority';
import type { CharacterStatus } from '../../../../contract/constants';
import { cn } from '../../../components/ui/cn';
import { badgeVariants } from '../../../components/ui/variants';
import { messages } from '../messages';

type Tone = VariantProps<typeof badgeVariants>['tone'];

const STATUS_TONE: Record<CharacterStatus, Tone> = {
  synthesizing: 'info',
  reviewing: 'warning',
  ready: 'success',
  failed: 'danger',
  deleted: 'muted',
};

/** The status in its tone; the text is lowercase (a test reads the raw status) and capitalised by CSS. */
export function StatusBadge({ status }: { status: CharacterStatus }) {
  return <span className={cn(badgeVariants({ tone: STATUS_TONE[status] }), 'capitalize')}>{messages.status[status]}</span>;
}
