/**
 * Which characters the queue shows, in which order — derived from the list pages, the fresher
 * detail answers, and this session's decisions. Nothing here is kept in sync by an effect.
 */
import type { Character, CharacterStatus } from '../../../contract/aurous';

export type QueueDirection = 'oldest' | 'newest';
export type QueueStatus = Extract<CharacterStatus, 'reviewing' | 'failed' | 'synthesizing'>;

export interface QueueItem {
  character: Character;
  /** Sent back to synthesizing in this session and reviewable again. */
  regenerated: boolean;
  /** The character the reviewer stays on after a regenerate or resynthesize, while its new images are made. */
  awaiting?: boolean;
}

export interface QueueInputs {
  /** The list pages' rows, as the API returned them (newest first). */
  rows: readonly Character[];
  status: QueueStatus;
  direction: QueueDirection;
  /** Fresher copies from detail queries or mutation answers, by id. */
  fresher: ReadonlyMap<string, Character>;
  /** Ids that are gone (404) or decided for good in this session (approved, deleted, waiting to be sent). */
  hidden: ReadonlySet<string>;
  /** Ids sent back to synthesizing by this session, with the updated_at of that answer. */
  sentBackAt: ReadonlyMap<string, string>;
  /** The character the reviewer stays on after sending it back: kept in its place until it returns. */
  staying?: string | null;
}

const newer = (a: Character, b: Character | undefined) => (b && Date.parse(b.updated_at) > Date.parse(a.updated_at) ? b : a);

function compareCreated(a: Character, b: Character): number {
  const byTime = Date.parse(a.created_at) - Date.parse(b.created_at);
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function orderQueue({ rows, status, direction, fresher, hidden, sentBackAt, staying = null }: QueueInputs): QueueItem[] {
  const seen = new Set<string>();
  const waiting: QueueItem[] = [];
  const returned: QueueItem[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const character = newer(row, fresher.get(row.id));
    const sentBack = sentBackAt.get(row.id);
    const back = sentBack === undefined || Date.parse(character.updated_at) > Date.parse(sentBack);
    if (row.id === staying && (hidden.has(row.id) || character.status !== status || !back)) {
      // Sent back (or about to be) while the reviewer is on it: it keeps its place until it returns.
      waiting.push({ character, regenerated: false, awaiting: true });
      continue;
    }
    if (hidden.has(row.id) || character.status !== status) continue;
    if (sentBack !== undefined) {
      // Still the copy from before it was sent back: it has not returned yet.
      if (!back) continue;
      returned.push({ character, regenerated: true });
    } else {
      waiting.push({ character, regenerated: false });
    }
  }
  // No longer on the list's pages (it is synthesizing now): the fresher copy keeps it in place.
  const kept = staying && !seen.has(staying) ? fresher.get(staying) : undefined;
  if (kept) waiting.push({ character: kept, regenerated: false, awaiting: true });
  const sign = direction === 'oldest' ? 1 : -1;
  const sort = (items: QueueItem[]) => items.sort((a, b) => sign * compareCreated(a.character, b.character));
  // Characters that came back from a regenerate join the end of the queue, not its middle.
  return [...sort(waiting), ...sort(returned)];
}

/** The current item: the one the reviewer was on, or — when it dropped out — whatever took its place. */
export function currentIndex(items: readonly QueueItem[], position: { id: string | null; index: number }): number {
  if (items.length === 0) return -1;
  const byId = position.id ? items.findIndex((item) => item.character.id === position.id) : -1;
  return byId >= 0 ? byId : Math.min(Math.max(0, position.index), items.length - 1);
}

/**
 * The position once a render has shown `items[index]`: that character, by id, so a later change of
 * the list or of others' claims never slides another under the reviewer. Null when it stands there already.
 */
export function pinnedPosition(
  items: readonly QueueItem[],
  position: { id: string | null; index: number },
): { id: string; index: number } | null {
  const index = currentIndex(items, position);
  const shown = items[index];
  return shown && shown.character.id !== position.id ? { id: shown.character.id, index } : null;
}
