import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { bindingOf, formatBinding, KEY_ACTION_LABEL, KEY_ACTIONS, type KeyAction } from '../keymap';
import type { QueueDirection, QueueStatus } from '../queue-order';
import { useReviewPreferences, useReviewSettingsActions } from '../stores/review-settings-store';

const STATUSES: QueueStatus[] = ['reviewing', 'failed', 'synthesizing'];

/** Which characters, in which order, and the keys: all persisted across reloads. */
export function ReviewSettings() {
  const { keymap, direction, status, confirmPaid } = useReviewPreferences();
  const { keyRebound, keysReset, directionChosen, statusChosen, confirmPaidToggled } = useReviewSettingsActions();
  const [capturing, setCapturing] = useState<KeyAction | null>(null);

  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-slate-900">Keys and preferences</summary>
      <div className="mt-3 flex flex-col gap-4">
        <div className="flex flex-wrap gap-4 text-sm text-slate-900">
          <label className="flex items-center gap-2">
            Show
            <select value={status} onChange={(event) => statusChosen(event.target.value as QueueStatus)} className="rounded-lg border border-slate-300 bg-white px-2 py-1">
              {STATUSES.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            Order
            <select
              value={direction}
              onChange={(event) => directionChosen(event.target.value as QueueDirection)}
              className="rounded-lg border border-slate-300 bg-white px-2 py-1"
            >
              <option value="oldest">Oldest first</option>
              <option value="newest">Newest first</option>
            </select>
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={confirmPaid} onChange={(event) => confirmPaidToggled(event.target.checked)} />
            Confirm the first paid action of each session
          </label>
        </div>
        <table className="text-sm">
          <caption className="mb-1 text-left font-medium text-slate-900">Keys</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Keys</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {KEY_ACTIONS.map((action) => (
              <tr key={action} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-800">
                  {KEY_ACTION_LABEL[action]}
                </th>
                <td className="py-1 pr-4 font-mono text-xs">{keymap[action].map(formatBinding).join(' · ') || 'unassigned'}</td>
                <td className="py-1">
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={capturing === action ? `Press the new key for ${KEY_ACTION_LABEL[action]}; Escape cancels` : `Change the key for ${KEY_ACTION_LABEL[action]}`}
                    onClick={() => setCapturing(capturing === action ? null : action)}
                    onBlur={() => setCapturing(null)}
                    onKeyDown={(event) => {
                      if (capturing !== action) return;
                      // Taken here: the queue's own key handler must not see this press.
                      event.preventDefault();
                      event.stopPropagation();
                      if (event.key === 'Escape' || event.key === 'Tab') return setCapturing(null);
                      const binding = bindingOf(event);
                      if (!binding) return;
                      keyRebound(action, binding);
                      setCapturing(null);
                    }}
                  >
                    {capturing === action ? 'Press a key…' : 'Change'}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <Button variant="ghost" size="sm" onClick={keysReset}>
            Reset keys to defaults
          </Button>
        </div>
      </div>
    </details>
  );
}
