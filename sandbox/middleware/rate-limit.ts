/**
 * Per-team token buckets (RATE_LIMIT_BUCKETS), refilled continuously on the sandbox clock.
 * A request takes one token; an empty bucket answers 429 with Retry-After. Which bucket: the
 * endpoint table's (contract/endpoints.ts).
 */
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../contract/aurous';
import { bucketFor, matchEndpoint } from '../../contract/endpoints';
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../domain/clock';
import type { Sandbox, SandboxEnv } from '../context';
import { ApiError } from '../http/errors';

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Epoch seconds when the bucket is full again. */
  reset: number;
  /** Whole seconds until one token is available; set only when the request was refused. */
  retryAfter: number | null;
}

export interface RateLimiter {
  take(teamId: string, bucket: RateLimitBucket): RateLimitInfo;
  /** Fills one team's bucket to capacity (a test control; the clock does not move). */
  refill(teamId: string, bucket: RateLimitBucket): void;
  reset(): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(clock: Clock): RateLimiter {
  let buckets = new Map<string, Bucket>();
  return {
    take(teamId, name) {
      const { capacity, perMinute } = RATE_LIMIT_BUCKETS[name];
      const perMs = perMinute / 60_000;
      const now = clock.now();
      const key = `${teamId}:${name}`;
      const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(key, bucket);
      let retryAfter: number | null = null;
      if (bucket.tokens >= 1) bucket.tokens -= 1;
      else retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      return {
        limit: capacity,
        remaining: Math.floor(bucket.tokens),
        reset: Math.ceil((now + (capacity - bucket.tokens) / perMs) / 1000),
        retryAfter,
      };
    },
    refill(teamId, name) {
      // A bucket nobody has drawn from yet starts full.
      buckets.delete(`${teamId}:${name}`);
    },
    reset() {
      buckets = new Map();
    },
  };
}

/** The bucket this request draws from (the body is peeked only where it can change the bucket). */
export async function requestBucket(c: Context<SandboxEnv>): Promise<RateLimitBucket> {
  const path = new URL(c.req.url).pathname;
  let body: unknown = null;
  if (matchEndpoint(c.req.method, path)?.endpoint.generateBucket) {
    try {
      body = JSON.parse(await c.req.text()) as unknown;
    } catch {
      body = null;
    }
  }
  return bucketFor(c.req.method, path, body);
}

/** The route kind a request is counted under: the endpoint table's path, or `<METHOD> other`. */
export function routeKind(method: string, path: string): string {
  const match = matchEndpoint(method, path);
  return match ? `${match.endpoint.method} ${match.endpoint.path}` : `${method} other`;
}

/**
 * Middleware, right after the key is known (before any 429, injected or not): counts the request
 * per team, bucket and route kind, and the 429 it is answered with, for `GET /_sandbox/stats`.
 */
export function countTraffic(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const teamId = c.get('team').id;
    const bucket = await requestBucket(c);
    sandbox.traffic.request(teamId, bucket, routeKind(c.req.method, new URL(c.req.url).pathname));
    try {
      await next();
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) sandbox.traffic.rateLimited(teamId, bucket);
      throw error;
    }
    if (c.res.status === 429) sandbox.traffic.rateLimited(teamId, bucket);
  };
}

/** Middleware: draws one token from the request's bucket; an empty bucket is a 429. */
export function rateLimit(sandbox: Sandbox): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const info = sandbox.limiter.take(c.get('team').id, await requestBucket(c));
    c.set('rateLimit', info);
    if (info.retryAfter !== null) throw tooManyRequests(info.retryAfter);
    await next();
  };
}

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, 'rate_limit', 'too_many_requests', `Rate limit exceeded. Retry in ${retryAfter} s.`);
