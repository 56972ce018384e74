import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter';
import { createFakeClock } from '../../../tests/helpers/fake-clock';

const limits = {
  characters_get: { capacity: 2, perMinute: 60 },
  characters_post: { capacity: 3, perMinute: 30 },
  characters_synthesize: { capacity: 1, perMinute: 6 },
  get: { capacity: 5, perMinute: 60 },
  webhook_endpoints_post: { capacity: 1, perMinute: 10 },
} as const;

describe('client-side limiter', () => {
  it('lets a burst through at once, then queues at the sustained rate', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock, limits);
    const done: number[] = [];
    const requests = [0, 1, 2, 3, 4].map((n) => limiter.acquire('characters_post').then(() => done.push(n)));
    await clock.advance(0);
    expect(done).toEqual([0, 1, 2]);
    await clock.advance(2000); // 30/min: one token every 2 s
    expect(done).toEqual([0, 1, 2, 3]);
    await clock.advance(2000);
    await Promise.all(requests);
    expect(done).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps buckets apart', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock, limits);
    await limiter.acquire('characters_synthesize');
    let posted = false;
    void limiter.acquire('characters_post').then(() => (posted = true));
    await clock.advance(0);
    expect(posted).toBe(true);
  });

  it('holds a bucket for Retry-After once the API answers 429', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock, limits);
    limiter.rateLimited('characters_get', 5);
    let through = false;
    void limiter.acquire('characters_get').then(() => (through = true));
    await clock.advance(4999);
    expect(through).toBe(false);
    await clock.advance(1000);
    expect(through).toBe(true);
  });
});
