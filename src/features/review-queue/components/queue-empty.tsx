import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { LinkButton } from '../../../components/ui/link-button';
import { messages } from '../messages';

/** The queue with nothing left: its title takes the place of the current character's heading. */
export function QueueEmpty({ statusWord, children }: { statusWord: string; children?: ReactNode }) {
  return (
    <EmptyState title={messages.emptyTitle} headingLevel={2} action={<LinkButton href="/synthesize">{messages.emptyAction}</LinkButton>}>
      <p>{messages.emptyBody(statusWord)}</p>
      <p>{messages.emptyWhy}</p>
      {children}
    </EmptyState>
  );
}
