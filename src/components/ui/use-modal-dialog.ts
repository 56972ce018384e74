import { useEffect, useRef, type SyntheticEvent } from 'react';

/**
 * Keeps a native <dialog> shown as a modal exactly while `open` is true (focus trap, Escape,
 * backdrop). Spread the result on the <dialog>: Escape then calls `onClose` and the parent decides,
 * instead of the browser closing the dialog behind React's back.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onClose();
  };
  return { ref, onCancel };
}
