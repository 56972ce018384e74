import { describe, expect, it } from 'vitest';
import { AurousApiError } from './api-error';
import { apiWaitSeconds, isRetryable, mutationRetry, retryDelayMs, retryingMessage } from './retry-policy';
import { waitingMessage } from '../../components/waiting-for-api';

const error = (type: AurousApiError['type'], code: string, retryAfterS: number | null = null, status = 400) =>
  new AurousApiError({ status, type, code, message: code, retryAfterS });

describe('retry policy by error type', () => {
  it('never retries what will fail the same way again', () => {
    for (const failure of [
      error('invalid_request', 'missing_field'),
      error('authentication', 'invalid_api_key', null, 401),
      error('not_found', 'resource_not_found', null, 404),
    ]) {
      expect(isRetryable(failure, true)).toBe(false);
    }
  });
  it('always waits out a rate limit, even for writes without a key', () => {
    expect(isRetryable(error('rate_limit', 'too_many_requests', 3, 429), false)).toBe(true);
  });
  it('retries server errors, network failures and an in-flight 409 only when a repeat is safe', () => {
    for (const failure of [
      error('server_error', 'internal_error', null, 500),
      AurousApiError.network(),
      error('invalid_request', 'idempotency_key_in_use', null, 409),
    ]) {
      expect(isRetryable(failure, true)).toBe(true);
      expect(isRetryable(failure, false)).toBe(false);
    }
  });
  it('does not retry unknown errors', () => {
    expect(isRetryable(new Error('boom'), true)).toBe(false);
  });
});

describe('retry delays', () => {
  it('uses Retry-After when the API gives one', () => {
    expect(retryDelayMs(1, error('rate_limit', 'too_many_requests', 7, 429))).toBe(7000);
  });
  it('backs off 1 → 2 → 4 → 8 s, capped, with ±25 % jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 9].map((attempt) => retryDelayMs(attempt, AurousApiError.network(), middle))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(retryDelayMs(1, AurousApiError.network(), () => 0)).toBe(750);
    expect(retryDelayMs(1, AurousApiError.network(), () => 0.999)).toBeLessThanOrEqual(1250);
  });
  it('gives up after five attempts', () => {
    const { retry } = mutationRetry(true);
    expect(retry(4, AurousApiError.network())).toBe(true);
    expect(retry(5, AurousApiError.network())).toBe(false);
  });
});

it('tells the user what a waiting retry is waiting for', () => {
  expect(retryingMessage(error('rate_limit', 'too_many_requests', 4, 429))).toBe('Rate limited; retrying in 4 sec…');
  expect(retryingMessage(error('invalid_request', 'idempotency_key_in_use', null, 409))).toMatch(/still finishing/);
  expect(retryingMessage(error('invalid_request', 'missing_field'))).toBeNull();
});

describe('"Waiting for the API (N s)"', () => {
  const waiting = (retryAfterS: number) =>
    new AurousApiError({ status: 429, type: 'rate_limit', code: 'waiting_for_api', message: 'busy', retryAfterS });

  it('counts down from the console’s Retry-After while a person’s own action waits', () => {
    const error = waiting(5);
    expect(waitingMessage(error, error.receivedAt)).toBe('Waiting for the API (5 sec)');
    expect(waitingMessage(error, error.receivedAt + 1_200)).toBe('Waiting for the API (4 sec)');
    expect(waitingMessage(error, error.receivedAt + 4_500)).toBe('Waiting for the API (1 sec)');
    expect(waitingMessage(error, error.receivedAt + 5_000)).toBe('Waiting for the API…');
    // Never as a plain retry line: only <WaitingForApi> says it, where a person waits.
    expect(retryingMessage(error)).toBeNull();
  });

  it('says nothing for a short moment, nor for other errors', () => {
    expect(waitingMessage(waiting(2), Date.now())).toBeNull();
    expect(retryingMessage(waiting(1))).toBeNull();
    expect(waitingMessage(error('rate_limit', 'too_many_requests', 9, 429), Date.now())).toBeNull();
    expect(waitingMessage(AurousApiError.network(), Date.now())).toBeNull();
    expect(apiWaitSeconds(new Error('boom'), Date.now())).toBeNull();
  });

  it('waits Retry-After before trying again, whatever the attempt', () => {
    expect(retryDelayMs(3, waiting(7))).toBe(7000);
    expect(isRetryable(waiting(7), false)).toBe(true);
  });
});
