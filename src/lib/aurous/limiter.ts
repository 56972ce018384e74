/**
 * Client-side token buckets mirroring the API's per-team buckets, so dropping many files or
 * clicking quickly queues work instead of earning 429s. A 429 that gets through anyway (other
 * tabs and users share the team's bucket) empties the local bucket until Retry-After has passed.
 * Which bucket a call draws from is the endpoint table's (`bucketFor` in contract/endpoints.ts).
 */
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../../contract/constants';

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

interface Bucket {
  tokens: number;
  updatedAt: number;
  blockedUntil: number;
}

type BucketLimits = Record<RateLimitBucket, { capacity: number; perMinute: number }>;

export function createLimiter(clock: Clock = realClock, limits: BucketLimits = RATE_LIMIT_BUCKETS) {
  const buckets = new Map<RateLimitBucket, Bucket>();

  const refill = (name: RateLimitBucket): Bucket => {
    const { capacity, perMinute } = limits[name];
    const now = clock.now();
    const bucket = buckets.get(name) ?? { tokens: capacity, updatedAt: now, blockedUntil: 0 };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) * perMinute) / 60_000);
    bucket.updatedAt = now;
    buckets.set(name, bucket);
    return bucket;
  };

  return {
    /** Resolves when a request in this bucket may go out; takes its token. */
    async acquire(name: RateLimitBucket, signal?: AbortSignal): Promise<void> {
      for (;;) {
        const bucket = refill(name);
        const now = clock.now();
        if (bucket.blockedUntil > now) {
          await clock.sleep(bucket.blockedUntil - now, signal);
          continue;
        }
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        await clock.sleep(Math.ceil(((1 - bucket.tokens) * 60_000) / limits[name].perMinute), signal);
      }
    },
    /** The API said 429: hold this bucket until Retry-After. */
    rateLimited(name: RateLimitBucket, retryAfterS: number) {
      const bucket = refill(name);
      bucket.tokens = 0;
      bucket.blockedUntil = Math.max(bucket.blockedUntil, clock.now() + retryAfterS * 1000);
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
