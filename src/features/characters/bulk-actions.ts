/**
 * Save or delete many characters at once, from the library's selection. Each character is its
 * own request (the API has no bulk endpoint), a few at a time, through the same mutation options
 * as the character page (retries, cache updates, events); one that fails does not stop the rest,
 * and the outcome names every character that failed and why.
 */
import type { Character } from '../../../contract/aurous';
import { canDelete, canSave } from '../../lib/aurous/character-rules';

export type BulkKind = 'save' | 'delete';

/** At most this many requests at once: well inside the `characters_post` burst, and the console's own budget queues the rest. */
export const BULK_CONCURRENCY = 3;

export interface BulkPlan {
  kind: BulkKind;
  /** What the action applies to, in the order shown. */
  targets: Character[];
  /** Selected, but the action does not apply (a save of one already saved, synthesizing or failed). */
  skipped: Character[];
}

/** Which of the selected characters the action applies to (the API's own rules, lib/aurous/character-rules). */
export function planBulk(kind: BulkKind, selected: readonly Character[]): BulkPlan {
  const applies = (character: Character) => (kind === 'save' ? canSave(character) : canDelete(character)).enabled;
  return { kind, targets: selected.filter(applies), skipped: selected.filter((character) => !applies(character)) };
}

export interface BulkFailure {
  character: Character;
  error: unknown;
}

export interface BulkOutcome {
  kind: BulkKind;
  done: Character[];
  failed: BulkFailure[];
}

/**
 * Runs `act` for every target, `concurrency` at a time, and reports progress after each one.
 * Never rejects: every failure is kept with its character, in the targets' order.
 */
export async function runBulk(
  plan: BulkPlan,
  act: (character: Character) => Promise<unknown>,
  options: { concurrency?: number; onProgress?: (finished: number, total: number) => void } = {},
): Promise<BulkOutcome> {
  const { targets } = plan;
  const results: ({ ok: true } | { ok: false; error: unknown })[] = new Array(targets.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const character = targets[index] as Character;
      try {
        await act(character);
        results[index] = { ok: true };
      } catch (error) {
        results[index] = { ok: false, error };
      }
      finished += 1;
      options.onProgress?.(finished, targets.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? BULK_CONCURRENCY, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const done: Character[] = [];
  const failed: BulkFailure[] = [];
  targets.forEach((character, index) => {
    const result = results[index];
    if (result?.ok) done.push(character);
    else failed.push({ character, error: result && !result.ok ? result.error : new Error('not run') });
  });
  return { kind: plan.kind, done, failed };
}
