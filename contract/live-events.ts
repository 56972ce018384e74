/**
 * `GET /api/events`: the console's server-sent events, one stream per signed-in person or embed
 * session, scoped as the index is (server/scope/scope.ts). Free of zod, for the browser.
 *
 * - `character.changed`: the character as the scoped list (`GET /api/characters`) presents it.
 * - `character.removed`: gone from this caller's reach (deleted, pruned, or out of scope now).
 * - `characters.reset`: anything may have changed (the sandbox was reset, or the server may
 *   have missed changes): refetch what is on screen.
 * - `claim.changed`: who is reviewing a character in the queue changed (`claim` null: nobody now).
 * - `ready`: the stream is up; sent first, so a reconnect can refetch what it may have missed.
 *
 * Heartbeats are SSE comments (`: hb`) every ~15 s; `retry:` says when to reconnect.
 */
import type { Character } from './aurous';
import type { ReviewClaim } from './review';

export const LIVE_EVENTS_PATH = '/api/events';
/** `GET /api/characters/:id`: one character from the index, scoped (the fallback while the stream is down). */
export const indexedCharacterPath = (id: string) => `/api/characters/${encodeURIComponent(id)}`;

export const LIVE_HEARTBEAT_MS = 15_000;
export const LIVE_RETRY_MS = 3000;

export interface LiveEventData {
  ready: { heartbeat_ms: number };
  'character.changed': { character: Character };
  'character.removed': { id: string };
  'characters.reset': Record<string, never>;
  'claim.changed': { character_id: string; claim: ReviewClaim | null };
}
export type LiveEventName = keyof LiveEventData;
export const LIVE_EVENT_NAMES = [
  'ready',
  'character.changed',
  'character.removed',
  'characters.reset',
  'claim.changed',
] as const satisfies readonly LiveEventName[];
export type LiveEvent = { [Name in LiveEventName]: { event: Name; data: LiveEventData[Name] } }[LiveEventName];
