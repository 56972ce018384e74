import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { fieldVariants } from '../../../components/ui/text-variants';
import { bindingOf, formatBinding, KEY_ACTIONS, type KeyAction } from '../keymap';
import { messages } from '../messages';
import type { QueueDirection, QueueStatus } from '../queue-order';
import { useReviewPreferences, useReviewSettingsActions } from '../stores/review-settings-store';

const STATUSES: QueueStatus[] = ['reviewing', 'failed', 'synthesizing'];
const DIRECTIONS: QueueDirection[] = ['oldest', 'newest'];
const SELECT = fieldVariants({ width: 'auto' });

/** Which characters, in which order, and the keys: all persisted across reloads. */
export function ReviewSettings() {
  const { keymap, direction, status, confirmPaid } = useReviewPreferences();
  const { keyRebound, keysReset, directionChosen, statusChosen, confirmPaidToggled } = useReviewSettingsActions();
  const [capturing, setCapturing] = useState<KeyAction | null>(null);

  return (
    <details className="group rounded-xl border border-line bg-surface">
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 rounded-xl px-4 font-semibold text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus sm:px-5 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="text-fg-muted transition-transform group-open:rotate-90">
          ▸
        </span>
        {messages.settingsTitle}
      </summary>
      <div className="flex flex-col gap-4 px-4 pb-4 sm:px-5 sm:pb-5">
        <div className="flex flex-wrap gap-x-6 gap-y-3 text-sm text-fg">
          <label className="flex items-center gap-2">
            {messages.show}
            <select value={status} onChange={(event) => statusChosen(event.target.value as QueueStatus)} className={SELECT}>
              {STATUSES.map((each) => (
                <option key={each} value={each}>
                  {messages.statusOption[each]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            {messages.orderLabel}
            <select value={direction} onChange={(event) => directionChosen(event.target.value as QueueDirection)} className={SELECT}>
              {DIRECTIONS.map((each) => (
                <option key={each} value={each}>
                  {messages.orderOption[each]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-10 items-center gap-2">
            <input
              type="checkbox"
              checked={confirmPaid}
              onChange={(event) => confirmPaidToggled(event.target.checked)}
              className="size-6 shrink-0 accent-accent"
            />
            {messages.confirmPaid}
          </label>
        </div>
        <table className="w-full text-sm">
          <caption className="mb-1 text-left font-medium text-fg">{messages.keysCaption}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">{messages.actionColumn}</th>
              <th scope="col">{messages.keysColumn}</th>
              <th scope="col">{messages.changeColumn}</th>
            </tr>
          </thead>
          <tbody>
            {KEY_ACTIONS.map((action) => (
              <tr key={action} className="border-t border-line">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal text-fg">
                  {messages.keyAction[action]}
                </th>
                <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap text-fg">
                  {keymap[action].length > 0 ? messages.keyList(keymap[action].map(formatBinding)) : messages.unassigned}
                </td>
                <td className="py-1.5 text-right">
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={
                      capturing === action
                        ? messages.pressKeyFor(messages.keyAction[action])
                        : messages.changeKeyFor(messages.keyAction[action])
                    }
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
                    {capturing === action ? messages.pressKey : messages.change}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <Button variant="ghost" size="sm" onClick={keysReset}>
            {messages.resetKeys}
          </Button>
        </div>
      </div>
    </details>
  );
}
