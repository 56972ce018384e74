import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  /** A heading level when the empty state stands in for a section that has one (e.g. the QA stage). */
  headingLevel?: 2 | 3;
  children?: ReactNode;
  action?: ReactNode;
}

/** What a screen shows when there is nothing yet: what this place is for, and the next step. */
export function EmptyState({ title, headingLevel, children, action }: EmptyStateProps) {
  const Title = headingLevel ? (`h${headingLevel}` as const) : 'p';
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-line-strong bg-surface px-6 py-10 text-center">
      <Title className="text-base font-semibold text-fg">{title}</Title>
      {children && <div className="flex max-w-prose flex-col gap-1 text-sm text-fg-muted">{children}</div>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
