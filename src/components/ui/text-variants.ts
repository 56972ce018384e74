/** Class variants for form fields and text links (see `variants.ts` for the rest). */
import { cva } from 'class-variance-authority';

/** Text inputs and selects share one look. */
export const fieldVariants = cva(
  'min-h-10 rounded-lg border border-line-strong bg-surface px-3 py-2 text-fg placeholder:text-fg-muted/70 focus-visible:outline-2 focus-visible:outline-focus aria-invalid:border-danger',
  { variants: { width: { full: 'w-full', auto: 'w-auto' } }, defaultVariants: { width: 'full' } },
);

/** A text link: underlined, in the accent's text colour, with a visible focus ring. */
export const linkVariants = cva(
  'font-medium text-accent-fg underline underline-offset-4 hover:no-underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-focus',
);
