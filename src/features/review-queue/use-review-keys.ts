import { useEffect, useRef } from 'react';
import { actionFor, isTypingTarget, type KeyAction, type KeyMap } from './keymap';

/**
 * One window-level key handler for the queue. It stands aside while someone types in a field,
 * while a dialog is open (the dialog owns the keyboard then), and for presses a control has
 * already handled.
 */
export function useReviewKeys(keymap: KeyMap, onAction: (action: KeyAction) => void) {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTypingTarget(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const action = actionFor(keymap, event);
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keymap]);
}
