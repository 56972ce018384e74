import { useId } from 'react';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { Button } from '../../../components/ui/button';
import { dialogVariants } from '../../../components/ui/variants';
import { formatBinding, isBoundTo, KEY_ACTIONS, type KeyMap } from '../keymap';
import { messages } from '../messages';

interface KeysOverlayProps {
  open: boolean;
  keymap: KeyMap;
  onClose: () => void;
}

/** The `?` overlay: every action and its keys, as they are mapped now. */
export function KeysOverlay({ open, keymap, onClose }: KeysOverlayProps) {
  const titleId = useId();
  const dialog = useModalDialog(open, onClose);

  return (
    <dialog
      {...dialog}
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key !== '?' && !isBoundTo(keymap.help, event)) return;
        event.preventDefault(); // or the queue's key handler would open it again
        onClose();
      }}
      className={dialogVariants({ size: 'md' })}
    >
      {open && (
        <div className="flex flex-col gap-3 p-4 sm:p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            {messages.shortcutsTitle}
          </h2>
          <table className="text-sm">
            <thead className="sr-only">
              <tr>
                <th scope="col">{messages.actionColumn}</th>
                <th scope="col">{messages.keysColumn}</th>
              </tr>
            </thead>
            <tbody>
              {KEY_ACTIONS.map((action) => (
                <tr key={action} className="border-t border-line">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal text-fg">
                    {messages.keyAction[action]}
                  </th>
                  <td className="py-1.5 whitespace-nowrap">
                    {keymap[action].length === 0 ? (
                      <span className="text-fg-muted">{messages.unassigned}</span>
                    ) : (
                      keymap[action].map((binding) => (
                        <kbd key={binding} className="mr-1 rounded border border-line-strong bg-surface-muted px-1.5 font-mono text-xs">
                          {formatBinding(binding)}
                        </kbd>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm text-fg-muted">{messages.shortcutsNote}</p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose} autoFocus>
              {messages.close}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
