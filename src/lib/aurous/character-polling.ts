/**
 * When a character's detail is polled: only while it is synthesizing, backing off on long runs.
 * Apart from the query factory, which the first screen loads, because only the character page polls.
 */
import type { Character, CharacterStatus } from '../../../contract/aurous';
import { pollDelayMs } from '../../../contract/poll-schedule';

export { POLL_BASE_MS, POLL_MAX_MS } from '../../../contract/poll-schedule';

/** Statuses that change without the user doing anything; anything else has settled. */
export function isSettled(status: CharacterStatus | undefined): boolean {
  return status !== undefined && status !== 'synthesizing';
}

/** Poll every 2 s for the first minute, then back off gently up to 10 s; stop once settled. */
export function pollInterval(status: CharacterStatus | undefined, pollingSinceMs: number): number | false {
  if (isSettled(status)) return false;
  return pollDelayMs(pollingSinceMs);
}

/** Time since the character last changed state (it entered synthesizing then). */
export function synthesizingForMs(character: Pick<Character, 'updated_at'> | undefined, now = Date.now()): number {
  const since = character ? Date.parse(character.updated_at) : Number.NaN;
  return Number.isFinite(since) ? Math.max(0, now - since) : 0;
}
