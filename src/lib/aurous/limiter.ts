/**
 * Per tab and per bucket, only Retry-After: after a 429 (the console's `waiting_for_api`, or any
 * other) this tab's next calls in that bucket hold until it has passed instead of asking again.
 * The team's budget itself is the console server's (server/rate-budget.ts), shared by every tab,
 * person and copy: a per-tab mirror of the whole team's bucket would let each open tab spend all
 * of it. A hold longer than a short moment fails the call at once with the same `waiting_for_api`
 * the server would give, so the retry path says "Waiting for the API (N s)" and tries again then.
 * Which bucket a call draws from is the endpoint table's (`bucketFor` in contract/endpoints.ts).
 */
import type { RateLimitBucket } from '../../../contract/constants';
import { AurousApiError, SHORT_WAIT_S } from './api-error';

export interface Clock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};

export function createLimiter(clock: Clock = realClock) {
  const heldUntil = new Map<RateLimitBucket, number>();
  return {
    /** Resolves when a call in this bucket may go; a hold past a short moment throws `waiting_for_api`. */
    async acquire(name: RateLimitBucket, signal?: AbortSignal): Promise<void> {
      const wait = (heldUntil.get(name) ?? 0) - clock.now();
      if (wait <= 0) return;
      if (wait > SHORT_WAIT_S * 1000) throw AurousApiError.waitingForApi(Math.ceil(wait / 1000));
      await clock.sleep(wait, signal);
    },
    /** A 429 said Retry-After: hold this bucket until then. */
    rateLimited(name: RateLimitBucket, retryAfterS: number) {
      heldUntil.set(name, Math.max(heldUntil.get(name) ?? 0, clock.now() + retryAfterS * 1000));
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
