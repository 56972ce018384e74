import { useId } from 'react';
import { useModalDialog } from '../../../components/ui/use-modal-dialog';
import { Button } from '../../../components/ui/button';
import { formatBinding, KEY_ACTION_LABEL, KEY_ACTIONS, type KeyMap } from '../keymap';

interface KeysOverlayProps {
  open: boolean;
  keymap: KeyMap;
  onClose: () => void;
}

/** The `?` overlay: every action and its keys, as they are mapped now. */
export function KeysOverlay({ open, keymap, onClose }: KeysOverlayProps) {
  const titleId = useId();
  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== '?' && !keymap.help.includes(event.key.toLowerCase())) return;
        event.preventDefault(); // or the queue's key handler would open it again
        onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="flex flex-col gap-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <table className="text-sm">
            <thead className="sr-only">
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Keys</th>
              </tr>
            </thead>
            <tbody>
              {KEY_ACTIONS.map((action) => (
                <tr key={action} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-800">
                    {KEY_ACTION_LABEL[action]}
                  </th>
                  <td className="py-1">
                    {keymap[action].length === 0 ? (
                      <span className="text-slate-700">unassigned</span>
                    ) : (
                      keymap[action].map((binding) => (
                        <kbd key={binding} className="mr-1 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">
                          {formatBinding(binding)}
                        </kbd>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm text-slate-700">Keys do nothing while you type in a field. Change them under “Keys and preferences”.</p>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose} autoFocus>
              Close
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
