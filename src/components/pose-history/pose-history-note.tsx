import { messages } from './messages';

/** Where a person might look for "restore this version": the API has none. */
export function PoseHistoryNote() {
  return <p className="text-xs text-fg-muted">{messages.noRestore}</p>;
}
