/**
 * How often a character that changes by itself (synthesizing) is looked at: every 2 s for the
 * first minute, then backing off gently up to 10 s. The console server's in-flight poller
 * (server/live/in-flight.ts) and the browser's fallback follow the same schedule.
 */
export const POLL_BASE_MS = 2000;
export const POLL_MAX_MS = 10_000;

/** The delay before the next look, for a character that has been in flight for `sinceMs`. */
export function pollDelayMs(sinceMs: number): number {
  if (sinceMs < 60_000) return POLL_BASE_MS;
  return Math.min(POLL_MAX_MS, POLL_BASE_MS + Math.floor((sinceMs - 60_000) / 30_000) * 2000);
}
