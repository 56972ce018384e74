import { useRef, type PointerEvent } from 'react';

export type SwipeDirection = 'left' | 'right';

/** A horizontal swipe: far enough (48 px), mostly sideways, and quick (under 600 ms). */
export function swipeDirection(dx: number, dy: number, ms: number): SwipeDirection | null {
  if (ms > 600 || Math.abs(dx) < 48 || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? 'left' : 'right';
}

/**
 * Pointer handlers that report a horizontal swipe on touch or pen (a mouse drag is left alone,
 * so a desktop user can still select or pan). Spread them on the element that shows the image.
 * Give it `touch-action: pan-y` (Tailwind `touch-pan-y`) so the browser leaves sideways moves to us.
 */

export function useSwipe(onSwipe: (direction: SwipeDirection) => void, enabled = true) {
  const start = useRef<{ x: number; y: number; t: number; id: number } | null>(null);
  return {
    onPointerDown: (event: PointerEvent) => {
      if (!enabled || event.pointerType === 'mouse') return;
      start.current = { x: event.clientX, y: event.clientY, t: event.timeStamp, id: event.pointerId };
    },
    onPointerUp: (event: PointerEvent) => {
      const from = start.current;
      start.current = null;
      if (!from || from.id !== event.pointerId) return;
      const direction = swipeDirection(event.clientX - from.x, event.clientY - from.y, event.timeStamp - from.t);
      if (direction) onSwipe(direction);
    },
    onPointerCancel: () => {
      start.current = null;
    },
  };
}
