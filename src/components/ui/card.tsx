import type { HTMLAttributes } from 'react';
import { cn } from './cn';

/** The one surface style: a bordered, rounded panel on the page canvas. */
export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn('rounded-xl border border-line bg-surface p-4 sm:p-5', className)} {...props} />;
}
