/**
 * The console's rate budget mirrors the documented buckets exactly (rate-limits.md and each
 * endpoint's reference page): the same capacity and sustained refill the sandbox enforces.
 */
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../contract/constants';
import { createRateLimiter } from '../../sandbox/middleware/rate-limit';
import { rateLimitsFromEnv } from '../../server/rate-budget';

/** Burst and per-minute refill, as the docs give them. */
const DOCUMENTED: Record<RateLimitBucket, { capacity: number; perMinute: number }> = {
  characters_get: { capacity: 240, perMinute: 120 }, // list-characters, retrieve-character
  characters_post: { capacity: 60, perMinute: 30 }, // upload-init, classify, update, delete, save
  characters_synthesize: { capacity: 12, perMinute: 6 }, // regenerate-ref, resynthesize
  get: { capacity: 1200, perMinute: 600 }, // rate-limits: "GET (lists, single fetches, balance, team, usage)"
  webhook_endpoints_post: { capacity: 10, perMinute: 10 }, // rate-limits: "POST /v1/webhook_endpoints"
};

describe('the console’s mirror of the team’s buckets', () => {
  it('uses exactly the documented capacity and refill when CONSOLE_RATE_LIMITS is unset', () => {
    expect(rateLimitsFromEnv(undefined)).toEqual(DOCUMENTED);
    expect(RATE_LIMIT_BUCKETS).toEqual(DOCUMENTED);
  });

  it.each(Object.entries(DOCUMENTED) as [RateLimitBucket, { capacity: number; perMinute: number }][])(
    'is what the sandbox enforces for %s: the burst at once, then one token per refill interval',
    (bucket, { capacity, perMinute }) => {
      let now = 0;
      const limiter = createRateLimiter({ now: () => now, iso: () => '', advance: () => undefined, reset: () => undefined });
      for (let i = 0; i < capacity; i++) expect(limiter.take('team', bucket).retryAfter).toBeNull();
      expect(limiter.take('team', bucket).retryAfter).toBe(Math.ceil(60 / perMinute));
      now += 60_000 / perMinute;
      expect(limiter.take('team', bucket).retryAfter).toBeNull();
    },
  );
});
