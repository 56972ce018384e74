import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * A placeholder in the shape of what is loading, used where the layout is known (cards, tiles,
 * rows) so nothing jumps when the data lands. Hidden from assistive technology: the region
 * that loads says `aria-busy`, and a visually hidden "Loading…" status speaks for it.
 */
export function Skeleton({ className }: { className?: string }) {
  // cn is plain clsx (no class merging), so a caller's own rounding replaces the default here.
  const rounded = className?.includes('rounded') ? null : 'rounded-lg';
  return <div aria-hidden="true" className={cn('skeleton bg-surface-strong', rounded, className)} />;
}

/** A card-shaped placeholder: an image area (its shape from `imageClassName`) over a footer. */
export function SkeletonTile({ imageClassName, className, children }: { imageClassName: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn('flex flex-col overflow-hidden rounded-xl border border-line bg-surface', className)}>
      <Skeleton className={cn('rounded-none', imageClassName)} />
      {children}
    </div>
  );
}
