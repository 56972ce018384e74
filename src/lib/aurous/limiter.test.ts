import { describe, expect, it } from 'vitest';
import { AurousApiError } from './api-error';
import { createLimiter } from './limiter';
import { createFakeClock } from '../../../tests/helpers/fake-clock';

describe('the tab’s limiter (Retry-After only: the team’s budget is the console server’s)', () => {
  it('lets any number of calls through while nothing said 429: the server queues them against the team’s bucket', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock);
    let through = 0;
    await Promise.all(Array.from({ length: 300 }, () => limiter.acquire('characters_get').then(() => through++)));
    expect(through).toBe(300);
  });

  it('holds a bucket for a short Retry-After, quietly, and keeps the other buckets open', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock);
    limiter.rateLimited('characters_get', 2);
    let through = false;
    void limiter.acquire('characters_get').then(() => (through = true));
    await limiter.acquire('characters_post');
    await clock.advance(1999);
    expect(through).toBe(false);
    await clock.advance(1);
    expect(through).toBe(true);
  });

  it('fails a call held longer than a moment at once with waiting_for_api and the time left, so the page can say so', async () => {
    const clock = createFakeClock();
    const limiter = createLimiter(clock);
    limiter.rateLimited('characters_synthesize', 10);
    await clock.advance(1000);
    const refused = await limiter.acquire('characters_synthesize').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AurousApiError);
    expect(refused).toMatchObject({ status: 429, type: 'rate_limit', code: 'waiting_for_api', retryAfterS: 9 });
    await clock.advance(9000);
    await expect(limiter.acquire('characters_synthesize')).resolves.toBeUndefined();
  });
});
