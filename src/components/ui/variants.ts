/**
 * Shared class variants for small pieces that are not components of their own: badges, pose
 * chips and dialog surfaces. Fields and links are in `text-variants.ts`: the first screen needs
 * only those, and a module shared with later screens is loaded whole.
 */
import { cva } from 'class-variance-authority';
import type { Pose } from '../../../contract/constants';

/** A rounded label in one of the tones (statuses, "regenerated", counts). */
export const badgeVariants = cva('inline-flex shrink-0 items-center rounded-full border px-2.5 py-0.5 text-xs font-semibold', {
  variants: {
    tone: {
      info: 'border-info-line bg-info-soft text-info-fg',
      warning: 'border-warning-line bg-warning-soft text-warning-fg',
      success: 'border-success-line bg-success-soft text-success-fg',
      danger: 'border-danger-line bg-danger-soft text-danger-fg',
      muted: 'border-line bg-surface-muted text-fg-muted',
    },
  },
  defaultVariants: { tone: 'muted' },
});

/** A pose's name on its own hue (the text stays `fg`, so it reads in both themes). */
export const poseChipVariants = cva('rounded-full font-medium text-fg ring-1', {
  variants: {
    pose: {
      portrait: 'bg-pose-portrait/15 ring-pose-portrait/60',
      front: 'bg-pose-front/15 ring-pose-front/60',
      side: 'bg-pose-side/15 ring-pose-side/60',
      back: 'bg-pose-back/15 ring-pose-back/60',
      other: 'bg-pose-other/15 ring-pose-other/60',
    } satisfies Record<Pose, string>,
    size: { sm: 'px-2.5 py-0.5 text-xs font-semibold ring-inset', md: 'px-2 py-0.5 text-sm' },
  },
  defaultVariants: { size: 'md' },
});

/** The surface of a modal <dialog>: `sm` for questions, `md` for lists, `lg`/`xl` for images. */
export const dialogVariants = cva(
  'm-auto max-w-[calc(100vw-1rem)] rounded-xl border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-scrim/60',
  {
    variants: {
      size: {
        sm: 'w-[min(28rem,calc(100vw-2rem))]',
        md: 'max-h-[92dvh] w-[min(32rem,calc(100vw-1rem))]',
        lg: 'max-h-[95dvh] w-[min(56rem,calc(100vw-1rem))]',
        xl: 'h-[92dvh] w-[min(80rem,calc(100vw-1rem))]',
      },
    },
    defaultVariants: { size: 'sm' },
  },
);
