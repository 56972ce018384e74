import { cn } from '../../../components/ui/cn';

/**
 * The key that does what a button does, shown beside its label for keyboard users. Hidden from
 * assistive technology (the button says `aria-keyshortcuts`), on narrow screens, and where the
 * only pointer is a finger. A key cap keeps the small `rounded` radius: at its 16 px height,
 * `rounded-lg` turns it into a pill that reads as a badge, not a key (the `?` overlay's caps too).
 */
export function KeyHint({ binding, className }: { binding: string; className?: string }) {
  if (!binding) return null;
  return (
    <kbd
      aria-hidden="true"
      className={cn(
        'hidden min-w-5 rounded border border-current/30 px-1 text-center font-mono text-xs font-normal opacity-80 sm:inline-block pointer-coarse:hidden',
        className,
      )}
    >
      {binding}
    </kbd>
  );
}
