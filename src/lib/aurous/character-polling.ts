/**
 * When a character's detail is polled: only while it is synthesizing, backing off on long runs.
 * Apart from the query factory, which the first screen loads, because only the character page polls.
 */
import type { Character, CharacterStatus } from '../../../contract/aurous';

/** Statuses that change without the user doing anything; anything else has settled. */
export function isSettled(status: CharacterStatus | undefined): boolean {
  return status !== undefined && status !== 'synthesizing';
}

export const POLL_BASE_MS = 2000;
export const POLL_MAX_MS = 10_000;

/** Poll every 2 s for the first minute, then back off gently up to 10 s; stop once settled. */
export function pollInterval(status: CharacterStatus | undefined, pollingSinceMs: number): number | false {
  if (isSettled(status)) return false;
  if (pollingSinceMs < 60_000) return POLL_BASE_MS;
  return Math.min(POLL_MAX_MS, POLL_BASE_MS + Math.floor((pollingSinceMs - 60_000) / 30_000) * 2000);
}

/** Time since the character last changed state (it entered synthesizing then). */
export function synthesizingForMs(character: Pick<Character, 'updated_at'> | undefined, now = Date.now()): number {
  const since = character ? Date.parse(character.updated_at) : Number.NaN;
  return Number.isFinite(since) ? Math.max(0, now - since) : 0;
}
