import { useEffect, useId, type ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';
import { Button } from './button';
import { messages } from './messages';
import { dialogVariants } from './variants';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  busy?: boolean;
  /**
   * Which button has the focus when the dialog opens, so Enter presses it: `cancel` (the safe
   * default) or `confirm`, where the dialog only confirms what the person just asked for by key.
   */
  defaultButton?: 'cancel' | 'confirm';
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation on the native <dialog>: focus is trapped, Escape cancels, Enter presses the focused button. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  busy = false,
  defaultButton = 'cancel',
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId();

  const dialog = useModalDialog(open, onCancel);
  // After showModal (the effect above), whose own focusing would otherwise pick the first button.
  useEffect(() => {
    if (open) dialog.ref.current?.querySelector<HTMLButtonElement>('[data-default-button]')?.focus();
  }, [open, dialog.ref]);

  return (
    <dialog {...dialog} aria-labelledby={titleId} className={dialogVariants({ size: 'sm' })}>
      {open && (
        <div className="flex flex-col gap-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm text-fg-muted">{children}</div>
          <div className="mt-2 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} data-default-button={defaultButton === 'cancel' || undefined}>
              {messages.cancel}
            </Button>
            <Button
              variant={tone === 'danger' ? 'danger' : 'primary'}
              onClick={onConfirm}
              disabled={busy}
              data-default-button={defaultButton === 'confirm' || undefined}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
