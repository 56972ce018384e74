import { describe, expect, it } from 'vitest';
import { AurousApiError } from './api-error';
import { createFakeClock } from '../../../tests/helpers/fake-clock';
import { withRetry } from './with-retry';

const serverError = () => new AurousApiError({ status: 503, type: 'server_error', code: 'provider_unavailable', message: 'down' });
const online = () => Promise.resolve();

describe('withRetry', () => {
  it('retries a safe step through server errors, announcing each wait', async () => {
    const clock = createFakeClock();
    let calls = 0;
    const waits: number[] = [];
    const result = withRetry(
      async () => {
        calls++;
        if (calls < 3) throw serverError();
        return 'ok';
      },
      { safe: true, signal: new AbortController().signal, clock, waitForOnline: online, onWait: (ms) => waits.push(ms) },
    );
    await clock.advance(10_000);
    await expect(result).resolves.toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('does not repeat an unsafe step after a server error, nor any step after a 400', async () => {
    const clock = createFakeClock();
    let calls = 0;
    const unsafe = withRetry(
      async () => {
        calls++;
        throw serverError();
      },
      { safe: false, signal: new AbortController().signal, clock, waitForOnline: online },
    );
    await expect(unsafe).rejects.toBeInstanceOf(AurousApiError);
    const invalid = new AurousApiError({ status: 400, type: 'invalid_request', code: 'upload_invalid', message: 'x' });
    const bad = withRetry(
      async () => {
        calls++;
        throw invalid;
      },
      { safe: true, signal: new AbortController().signal, clock, waitForOnline: online },
    );
    await expect(bad).rejects.toBe(invalid);
    expect(calls).toBe(2);
  });

  it('waits Retry-After on a 429 and gives up after the last retry', async () => {
    const clock = createFakeClock();
    const limited = new AurousApiError({ status: 429, type: 'rate_limit', code: 'too_many_requests', message: 'slow', retryAfterS: 3 });
    const run = withRetry(
      async () => {
        throw limited;
      },
      { safe: false, signal: new AbortController().signal, clock, waitForOnline: online, maxRetries: 2 },
    );
    const settled = run.catch((error: unknown) => error);
    await clock.advance(60_000);
    expect(await settled).toBe(limited);
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  it('waits its turn for the team’s budget as often as it takes, without using up its attempts', async () => {
    const clock = createFakeClock();
    let calls = 0;
    const result = withRetry(
      async () => {
        calls++;
        if (calls <= 4) throw AurousApiError.waitingForApi(3);
        if (calls === 5) throw serverError();
        return 'ok';
      },
      { safe: true, signal: new AbortController().signal, clock, waitForOnline: online, maxRetries: 1 },
    );
    await clock.advance(60_000);
    await expect(result).resolves.toBe('ok');
    expect(calls).toBe(6);
  });
});
