import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';

interface TooltipProps {
  /** What the trigger shows: the trigger is a real <button>, so it is focusable and tappable. */
  children: ReactNode;
  /** The explanation, tied to the trigger by aria-describedby. Text only: nothing in it is interactive. */
  content: ReactNode;
  /** Overrides the trigger's accessible name (its text is the name otherwise). */
  label?: string;
  /** Layout of the trigger's content (gap, padding): the trigger itself is an inline-flex row, at least 32 px tall. */
  triggerClassName?: string;
  className?: string;
}

/** Room kept between the tooltip and the edges of the viewport. */
const EDGE = 8;

/**
 * A help tooltip (WCAG 1.4.13): shown on mouse hover and on keyboard focus, toggled by a tap or a
 * click, hidden by Escape, and it stays open while the pointer moves onto it. It is always in the
 * DOM (hidden when closed) so the trigger's description is there for screen readers even shut.
 * It is kept inside the viewport horizontally, so it never makes a phone screen scroll sideways.
 */
export function Tooltip({ children, content, label, triggerClassName, className }: TooltipProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [shift, setShift] = useState(0);
  const wrapper = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const closeTimer = useRef(0);
  // A tap or a click focuses the trigger on its way to the click: the click decides, not the focus.
  const pressing = useRef(false);
  const pointerKind = useRef('');
  // Opened by the mouse resting on it: a click then keeps it open rather than toggling it shut.
  const hoverOpened = useRef(false);

  const cancelClose = () => window.clearTimeout(closeTimer.current);
  const closeSoon = () => {
    cancelClose();
    closeTimer.current = window.setTimeout(() => {
      if (document.activeElement !== trigger.current) setOpen(false);
    }, 120);
  };

  useEffect(() => cancelClose, []);

  useEffect(() => {
    if (!open) {
      hoverOpened.current = false;
      return;
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    // A tap elsewhere closes it (some touch browsers never move focus off a tapped button).
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  // Keep it on screen: measured once it is shown, then nudged left or right as needed.
  useLayoutEffect(() => {
    if (!open || !tip.current) return;
    const rect = tip.current.getBoundingClientRect();
    const left = rect.left - shift;
    const width = document.documentElement.clientWidth;
    const next = left + rect.width > width - EDGE ? width - EDGE - rect.width - left : left < EDGE ? EDGE - left : 0;
    if (next !== shift) setShift(next);
  }, [open, shift]);

  return (
    <span
      ref={wrapper}
      className={cn('relative inline-flex', className)}
      onPointerEnter={(event) => {
        if (event.pointerType !== 'mouse') return;
        cancelClose();
        if (!open) hoverOpened.current = true;
        setOpen(true);
      }}
      onPointerLeave={(event) => {
        if (event.pointerType === 'mouse') closeSoon();
      }}
    >
      <button
        ref={trigger}
        type="button"
        aria-label={label}
        aria-describedby={id}
        className={cn(
          'inline-flex min-h-8 cursor-help items-center rounded-lg text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus',
          triggerClassName,
        )}
        onPointerDown={(event) => {
          pressing.current = true;
          pointerKind.current = event.pointerType;
        }}
        onFocus={() => {
          if (!pressing.current) setOpen(true);
        }}
        onBlur={() => {
          pressing.current = false;
          setOpen(false);
        }}
        onClick={() => {
          const keepOpen = pointerKind.current === 'mouse' && hoverOpened.current;
          pressing.current = false;
          pointerKind.current = '';
          hoverOpened.current = false;
          cancelClose();
          setOpen((current) => keepOpen || !current);
        }}
      >
        {children}
      </button>
      {/* The transparent top padding bridges the gap, so the pointer can move onto the text. */}
      <span
        ref={tip}
        id={id}
        role="tooltip"
        hidden={!open}
        style={{ translate: `${shift}px 0` }}
        className="absolute left-0 top-full z-30 w-72 max-w-[calc(100vw-1rem)] pt-1.5"
      >
        <span className="block rounded-lg bg-fg px-3 py-2 text-left text-xs font-normal leading-relaxed text-canvas shadow-lg">
          {content}
        </span>
      </span>
    </span>
  );
}
