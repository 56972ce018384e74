/** The sandbox's seeded teams and its test-only control surface (`/_sandbox/*`). */
import { z } from 'zod';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from './constants';

export const SANDBOX_TEAM_A_KEY = `al_live_${'0'.repeat(63)}a`;
export const SANDBOX_TEAM_B_KEY = `al_live_${'0'.repeat(63)}b`;
export const SANDBOX_SEED_CREDITS = { a: 1000, b: 5 } as const;
export const SANDBOX_DEFAULT_PORT = 4010;
export const SANDBOX_DEFAULT_SYNTH_DELAY_MS = 4000;
/** The fault RNG's seed after a reset (and until `fault_seed` sets another). */
export const SANDBOX_DEFAULT_FAULT_SEED = 1;
/** Webhook retry defaults: 5 s, 10 s, 20 s … for 8 attempts (about 10 minutes in all). */
export const SANDBOX_DEFAULT_WEBHOOK_RETRY_BASE_MS = 5000;
export const SANDBOX_DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0).max(1_000_000);

export const sandboxConfigBody = z.strictObject({
  /** How long a synthesis, regenerate or resynthesize takes, on the sandbox clock. */
  synth_delay_ms: z.number().int().min(0).max(600_000).optional(),
  /** The next synthesis (create, regenerate or resynthesize) ends in `failed`. */
  fail_next_synth: z.boolean().optional(),
  /** `reviewing` (the reference pages) or `ready` (the 2026-06-19 changelog). */
  synth_lands_in: z.enum(['reviewing', 'ready']).optional(),
  /** Added to every /v1 response, after an idempotent request is marked in flight. */
  latency_ms: z.number().int().min(0).max(60_000).optional(),
  /**
   * Fraction of /v1 requests answering 500/502/503 server_error. The seeded RNG sends half of
   * them BEFORE the request is processed and half AFTER (state changed, idempotency stored the
   * real 2xx, the client still gets the 5xx).
   */
  json_5xx_rate: rate.optional(),
  /** Fraction of storage PUTs that read part of the body, then drop the connection; nothing stored. */
  put_reset_rate: rate.optional(),
  /** The next N storage PUTs answer 403 as if the signed URL had expired; nothing stored. */
  put_403_expired: count.optional(),
  /** The next N authenticated /v1 requests answer 429 too_many_requests, Retry-After: 1. */
  rate_limit_burst: count.optional(),
  /**
   * Webhook retries: a failed delivery (non-2xx, timeout, refused) is retried after
   * `webhook_retry_base_ms` × 2^(attempt − 1), up to `webhook_max_attempts` attempts in all.
   * The real schedule is not documented; tests shorten it.
   */
  webhook_retry_base_ms: z.number().int().min(0).max(3_600_000).optional(),
  webhook_max_attempts: z.number().int().min(1).max(50).optional(),
  /** How long a receiver has to answer 2xx (the docs' 10 s; tests shorten it). */
  webhook_timeout_ms: z.number().int().min(1).max(60_000).optional(),
  /** Reseeds the fault RNG (mulberry32) whenever sent; reset restores SANDBOX_DEFAULT_FAULT_SEED. */
  fault_seed: z.number().int().min(0).max(0xffff_ffff).optional(),
});
export type SandboxConfigBody = z.infer<typeof sandboxConfigBody>;
export type SandboxConfig = Required<SandboxConfigBody>;

/** Sets a team's credits (held credits stay held), e.g. to show what running out looks like. */
export const sandboxCreditsBody = z.strictObject({
  team: z.enum(['a', 'b']),
  credits: z.number().int().min(0).max(1_000_000_000),
});
export type SandboxCreditsBody = z.infer<typeof sandboxCreditsBody>;

export const sandboxClockBody = z.strictObject({
  advance_ms: z.number().int().min(0),
});

/**
 * Refills one team's rate-limit bucket to its capacity without moving the sandbox clock (which
 * would also age every synthesis): a bench can start many syntheses at one instant, more than
 * the `characters_synthesize` burst allows, while every other bucket keeps its real budget.
 */
export const sandboxRefillBody = z.strictObject({
  team: z.enum(['a', 'b']),
  bucket: z.enum(Object.keys(RATE_LIMIT_BUCKETS) as [RateLimitBucket, ...RateLimitBucket[]]),
});
export type SandboxRefillBody = z.infer<typeof sandboxRefillBody>;

/** One team's numbers in `GET /_sandbox/stats` (settled to the sandbox clock first). */
export interface SandboxTeamStats {
  uploads_created: number;
  uploads_consumed: number;
  /** Character records the team has, soft-deleted included (hard-deleted ones are gone). */
  characters: number;
  credits: number;
  held_credits: number;
  available_credits: number;
  /** Paid dispatches (create-synthesize, regenerate, resynthesize) committed or still held. */
  charges: number;
}

/** How many faults the sandbox has injected since the last reset. */
export interface SandboxFaultStats {
  injected_5xx: number;
  injected_put_resets: number;
  injected_put_403: number;
  injected_429: number;
}

/** What the API saw of one team's traffic since the last reset: authenticated /v1 requests. */
export interface SandboxTeamTraffic {
  /** Requests per rate-limit bucket, the refused ones included. */
  requests: Record<RateLimitBucket, number>;
  /**
   * The same requests per route kind, as the endpoint table names them (`GET /v1/characters/:id`,
   * `GET /v1/characters`, …); a path outside the table counts as `<METHOD> other`.
   */
  routes: Record<string, number>;
  /** 429s answered per bucket: the bucket's own refusals and injected `rate_limit_burst` faults alike. */
  rate_limited: Record<RateLimitBucket, number>;
}

/** `GET /_sandbox/stats` (no key): outcomes tests can assert on. */
export interface SandboxStats {
  teams: { a: SandboxTeamStats; b: SandboxTeamStats };
  faults: SandboxFaultStats;
  traffic: { a: SandboxTeamTraffic; b: SandboxTeamTraffic };
}
