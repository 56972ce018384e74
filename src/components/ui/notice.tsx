import { cva, type VariantProps } from 'class-variance-authority';
import type { HTMLAttributes } from 'react';
import { cn } from './cn';

/** A message box in one of four tones; the role (alert/status) is the caller's choice. */
export const noticeVariants = cva('rounded-xl border px-4 py-3 text-sm', {
  variants: {
    tone: {
      info: 'border-info-line bg-info-soft text-info-fg',
      success: 'border-success-line bg-success-soft text-success-fg',
      warning: 'border-warning-line bg-warning-soft text-warning-fg',
      danger: 'border-danger-line bg-danger-soft text-danger-fg',
    },
  },
  defaultVariants: { tone: 'info' },
});

export type NoticeProps = HTMLAttributes<HTMLDivElement> & VariantProps<typeof noticeVariants>;

export function Notice({ tone, className, ...props }: NoticeProps) {
  return <div className={cn(noticeVariants({ tone }), className)} {...props} />;
}

/** Inline text in a tone, for a one-line status under a control. */
export const toneText = cva('text-sm', {
  variants: {
    tone: { muted: 'text-fg-muted', success: 'text-success-fg', warning: 'text-warning-fg', danger: 'text-danger-fg' },
  },
  defaultVariants: { tone: 'muted' },
});
