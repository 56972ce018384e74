/**
 * The /v1 faults: `rate_limit_burst` (the next N requests are 429 before processing) and
 * `json_5xx_rate` (a 500/502/503 server_error, half before processing and half after it, so the
 * state changed and the idempotency record holds the real 2xx while the client sees the 5xx).
 * Mounted only on /v1: `/_sandbox/*` and `/storage/*` never see them.
 */
import type { MiddlewareHandler } from 'hono';
import type { Sandbox, SandboxEnv } from '../context';
import { ApiError, errorBody } from '../http/errors';
import { fires, takeOne } from './fault-state';
import { requestBucket, tooManyRequests } from '../middleware/rate-limit';
import { RATE_LIMIT_BUCKETS } from '../../contract/aurous';

const SERVER_ERRORS = [
  { status: 500, code: 'internal_error', message: 'The Aurous API hit an internal error. Retry later.' },
  { status: 502, code: 'provider_timeout', message: 'An upstream provider timed out. Retry later.' },
  { status: 503, code: 'provider_unavailable', message: 'An upstream provider is unavailable. Retry later.' },
] as const;

/** Before the real limiter: the next N requests answer 429 with Retry-After: 1, remaining 0. */
export function rateLimitBurst(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (!takeOne(sandbox.state.config, 'rate_limit_burst')) return next();
    sandbox.faults.injected.injected_429 += 1;
    const { capacity } = RATE_LIMIT_BUCKETS[await requestBucket(c)];
    const reset = Math.ceil(sandbox.clock.now() / 1000) + 1;
    c.set('rateLimit', { limit: capacity, remaining: 0, reset, retryAfter: 1 });
    throw tooManyRequests(1);
  };
}

/** Outside the idempotency middleware, so an after-processing failure lands on a stored 2xx. */
export function serverErrors(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const { faults } = sandbox;
    if (!fires(faults, sandbox.state.config.json_5xx_rate)) return next();
    faults.injected.injected_5xx += 1;
    const after = faults.rng.next() < 0.5;
    const pick = SERVER_ERRORS[Math.floor(faults.rng.next() * SERVER_ERRORS.length)] ?? SERVER_ERRORS[0];
    const error = new ApiError(pick.status, 'server_error', pick.code, pick.message);
    if (!after) throw error;
    await next();
    c.set('replayed', false);
    c.res = new Response(JSON.stringify(errorBody(error, c.get('requestId'))), {
      status: error.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}
