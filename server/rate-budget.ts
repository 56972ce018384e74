/**
 * The team's rate budget: the console's own mirror of the API's per-team token buckets
 * (RATE_LIMIT_BUCKETS, docs: rate-limits), kept in the database so every copy draws from the same
 * one. Every upstream call takes its token here first (`callUpstream`), so a burst of people
 * becomes a short queue instead of 429s from the API.
 *
 * A bucket is one row (schema: `rate_budget`) holding `full_at`, the time it would be full again.
 * Its tokens at time t are `capacity - max(0, full_at - t) / interval` (interval = one token's
 * refill time). A take is ONE statement on the database's clock: it moves `full_at` on by one
 * interval and answers how long the caller waits for its token (0 while the bucket has one; one
 * token is held in reserve, RESERVE_TOKENS).
 * Past capacity that wait is the caller's place in the queue, in order of arrival, on every copy.
 * A take whose wait would pass the caller's limit is not made (the row is left as it was), and
 * the caller hears how long it would have waited.
 *
 * A 429 the API still sends (the team's other clients use the same buckets) pauses the bucket
 * for Retry-After in the same row, and leaves it holding at most one token when the pause ends,
 * so every copy waits it out and then goes no faster than the sustained rate.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../contract/constants';
import { queryRows, type Database } from './db/database';

export interface BucketLimit {
  capacity: number;
  perMinute: number;
}
export type RateLimits = Record<RateLimitBucket, BucketLimit>;

/** How long a person's request may queue, unannounced, before the console answers `waiting_for_api`. */
export const DEFAULT_BUDGET_MAX_WAIT_MS = 2_000;
/** A queued call goes this long after its slot (a timer and a clock read are not exact). */
export const QUEUE_MARGIN_MS = 100;
/**
 * Tokens the console never spends: the API's bucket starts refilling when our first call of a
 * burst reaches it, a little after our count does, and calls do not all travel equally fast; one
 * token held back absorbs that (up to one refill interval of jitter) so a queued call never
 * arrives a hair before the API's token. The bucket's capacity and refill stay the documented ones.
 */
export const RESERVE_TOKENS = 1;

export interface RateBudget {
  /** How long a call may wait unless it says otherwise (CONSOLE_BUDGET_MAX_WAIT_MS). */
  readonly maxWaitMs: number;
  /**
   * Takes one token from `bucket`, waiting for it in the queue if need be. Resolves when the call
   * may go; throws RateBudgetWait when it would have to wait longer than `maxWaitMs`.
   */
  admit(bucket: RateLimitBucket, maxWaitMs: number, signal?: AbortSignal): Promise<void>;
  /** The API answered 429 with this Retry-After: nobody on any copy sends in this bucket before it has passed. */
  pause(bucket: RateLimitBucket, retryAfterMs: number): Promise<void>;
}

/** The call would wait `waitMs` for its token: more than it may. */
export class RateBudgetWait extends Error {
  constructor(readonly waitMs: number) {
    super(`the team's rate budget has no token for ${Math.ceil(waitMs / 1000)} s`);
  }
}

/** Whose buckets these are: a hash of where the API is and which key it is called with (the key itself is never stored). */
export function teamKeyOf(apiBase: string, apiKey: string): string {
  return createHash('sha256').update(`${apiBase}\n${apiKey}`).digest('hex').slice(0, 32);
}

/**
 * A copy's lease: while a bucket is far from its limit, a copy takes `tokens` tokens in one
 * statement and spends them itself for up to `ms`, then gives back what it did not spend. See
 * `createRateBudget` for why that keeps the budget exact.
 */
export interface LeaseOptions {
  tokens: number;
  ms: number;
}
/** What server/main.ts runs with: 16 tokens for at most 250 ms (one DB statement per 16 calls at full speed). */
export const DEFAULT_LEASE: LeaseOptions = { tokens: 16, ms: 250 };

export interface RateBudgetOptions {
  db: Database;
  /** Take tokens in batches while a bucket is far from its limit (off unless given). */
  lease?: LeaseOptions;
  teamKey: string;
  limits?: RateLimits;
  maxWaitMs?: number;
  /** The clock the statements use; default the database's own `now()` (tests give a fixed time). */
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: (line: string) => void;
}

const seconds = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

export function createRateBudget(options: RateBudgetOptions): RateBudget {
  const { db, teamKey } = options;
  const limits = options.limits ?? RATE_LIMIT_BUCKETS;
  const sleep = options.sleep ?? sleepFor;
  const log = options.log ?? ((line: string) => console.warn(line));
  const nowSql = (): SQL => (options.now ? sql`${options.now().toISOString()}::timestamptz` : sql`now()`);
  const shape = (bucket: RateLimitBucket) => {
    const { capacity, perMinute } = limits[bucket];
    const intervalMs = 60_000 / perMinute;
    const spendable = Math.max(1, capacity - RESERVE_TOKENS);
    return { spendable, intervalMs, interval: seconds(intervalMs), burst: seconds(spendable * intervalMs) };
  };
  let warned = false;

  /*
   * Leases. Each call still spends exactly one token of the shared row; only when the row is
   * moved changes. Why that keeps the budget exact and shared:
   * - A lease is one atomic statement on the shared row, like a take of `tokens` calls at once,
   *   and is granted only when all of them are there now (no queue position is ever leased) and
   *   the bucket would still hold half its spendable tokens after it ("far from its limit").
   * - A leased token is spent at most `ms` after it was taken. The API's bucket only refills in
   *   that time, so a call sent later than its take never finds the API with fewer tokens than the
   *   row said: sending late is always safe, sending early is what the row prevents.
   * - At the end of the lease the unspent tokens go back (full_at moves back by that many
   *   intervals): the row is then what single takes would have left. Other copies that took
   *   meanwhile only waited longer than needed. If the give-back fails (the copy died), the row
   *   keeps them as spent: the budget errs towards sending less.
   * - A 429 on this copy ends its lease at once. Another copy's 429 reaches a lease at its next
   *   statement, so at most `ms` late — and only ever with the bucket more than half full by the
   *   console's count, where a 429 means the team's other clients drained the API's bucket.
   */
  const lease = options.lease;
  const localNow = () => (options.now ? options.now().getTime() : Date.now());
  const leases = new Map<RateLimitBucket, { left: number; timer: ReturnType<typeof setTimeout> }>();
  const leasing = new Map<RateLimitBucket, Promise<boolean>>();
  const noLeaseUntil = new Map<RateLimitBucket, number>();
  const headroom = (bucket: RateLimitBucket) => Math.floor(shape(bucket).spendable / 2);
  const canLease = (bucket: RateLimitBucket) =>
    lease !== undefined && lease.tokens + headroom(bucket) <= shape(bucket).spendable && (noLeaseUntil.get(bucket) ?? 0) <= localNow();

  /** Gives back what a lease did not spend. */
  async function endLease(bucket: RateLimitBucket): Promise<void> {
    const held = leases.get(bucket);
    if (!held) return;
    leases.delete(bucket);
    clearTimeout(held.timer);
    if (held.left <= 0) return;
    const { intervalMs } = shape(bucket);
    await db
      .execute(
        sql`update rate_budget set full_at = full_at - ${seconds(held.left * intervalMs)} where team_key = ${teamKey} and bucket = ${bucket}`,
      )
      .catch(() => undefined);
  }

  /** Takes a lease in one statement; false when the bucket is not far enough from its limit (nothing taken). */
  async function takeLease(bucket: RateLimitBucket): Promise<boolean> {
    if (!lease) return false;
    const { intervalMs, burst } = shape(bucket);
    const now = nowSql();
    const batch = seconds(lease.tokens * intervalMs);
    const needed = seconds((lease.tokens + headroom(bucket)) * intervalMs);
    const rows = await queryRows<{ ok: number }>(
      db,
      sql`insert into rate_budget as b (team_key, bucket, full_at) values (${teamKey}, ${bucket}, ${now} + ${batch})
          on conflict (team_key, bucket) do update
             set full_at = greatest(b.full_at, ${now}) + ${batch}
           where coalesce(b.paused_until, ${now}) <= ${now}
             and greatest(b.full_at, ${now}) + ${needed} - ${burst} <= ${now}
       returning 1 as ok`,
    );
    if (!rows.length) {
      // Near the limit: single takes (each its own place in the queue) for a while, without asking again each call.
      noLeaseUntil.set(bucket, localNow() + lease.ms);
      return false;
    }
    const timer = setTimeout(() => void endLease(bucket), lease.ms);
    timer.unref?.();
    leases.set(bucket, { left: lease.tokens, timer });
    return true;
  }

  /** One token from this copy's lease, taking a new lease first when the bucket allows: true when the call may go. */
  async function fromLease(bucket: RateLimitBucket): Promise<boolean> {
    for (let tries = 0; tries < 2; tries++) {
      const held = leases.get(bucket);
      if (held && held.left > 0) {
        held.left -= 1;
        return true;
      }
      if (held) await endLease(bucket);
      if (!canLease(bucket)) return false;
      let pending = leasing.get(bucket);
      if (!pending) {
        pending = takeLease(bucket).finally(() => leasing.delete(bucket));
        leasing.set(bucket, pending);
      }
      if (!(await pending)) return false;
    }
    return false;
  }

  /** One take: the wait for this call's token, or null when that wait would pass `maxWaitMs` (nothing taken). */
  async function take(bucket: RateLimitBucket, maxWaitMs: number): Promise<number | null> {
    const { interval, burst } = shape(bucket);
    const now = nowSql();
    const [row] = await queryRows<{ wait_ms: number | string }>(
      db,
      sql`insert into rate_budget as b (team_key, bucket, full_at) values (${teamKey}, ${bucket}, ${now} + ${interval})
          on conflict (team_key, bucket) do update
             set full_at = greatest(b.full_at, ${now}) + ${interval}
           where greatest(coalesce(b.paused_until, ${now}), greatest(b.full_at, ${now}) + ${interval} - ${burst})
                 <= ${now} + ${seconds(maxWaitMs)}
       returning extract(epoch from greatest(coalesce(paused_until, ${now}), full_at - ${burst}) - ${now}) * 1000 as wait_ms`,
    );
    return row ? Math.max(0, Number(row.wait_ms)) : null;
  }

  /** How long a take now would wait (for Retry-After, after a refused take). */
  async function wouldWait(bucket: RateLimitBucket): Promise<number> {
    const { interval, burst } = shape(bucket);
    const now = nowSql();
    const [row] = await queryRows<{ wait_ms: number | string }>(
      db,
      sql`select extract(epoch from greatest(coalesce(paused_until, ${now}), greatest(full_at, ${now}) + ${interval} - ${burst}) - ${now}) * 1000 as wait_ms
            from rate_budget where team_key = ${teamKey} and bucket = ${bucket}`,
    );
    return row ? Math.max(0, Number(row.wait_ms)) : 0;
  }

  /** How much longer the bucket is paused (0 when it is not). */
  async function pausedFor(bucket: RateLimitBucket): Promise<number> {
    const now = nowSql();
    const [row] = await queryRows<{ paused_ms: number | string | null }>(
      db,
      sql`select extract(epoch from paused_until - ${now}) * 1000 as paused_ms
            from rate_budget where team_key = ${teamKey} and bucket = ${bucket}`,
    );
    return Math.max(0, Number(row?.paused_ms ?? 0));
  }

  /** The database could not be asked: the call goes unbudgeted rather than not at all (said once). */
  const failOpen = (error: unknown) => {
    if (!warned)
      log(`[budget] the rate budget could not be read; calls go unbudgeted: ${error instanceof Error ? error.message : String(error)}`);
    warned = true;
  };

  return {
    maxWaitMs: options.maxWaitMs ?? DEFAULT_BUDGET_MAX_WAIT_MS,
    async admit(bucket, maxWaitMs, signal) {
      const deadline = Date.now() + maxWaitMs;
      if (lease) {
        try {
          if (await fromLease(bucket)) return;
        } catch (error) {
          return failOpen(error);
        }
      }
      for (;;) {
        let wait: number | null;
        try {
          wait = await take(bucket, Math.max(0, deadline - Date.now()));
          if (wait === null) throw new RateBudgetWait(await wouldWait(bucket));
        } catch (error) {
          if (error instanceof RateBudgetWait) throw error;
          return failOpen(error);
        }
        warned = false;
        if (wait <= 0) return;
        await sleep(wait + QUEUE_MARGIN_MS, signal);
        // A 429 may have paused the bucket while this call queued: then it queues again, behind the pause.
        const paused = await pausedFor(bucket).catch(() => 0);
        if (paused <= 0) return;
      }
    },
    async pause(bucket, retryAfterMs) {
      // What this copy still holds is not spent during the pause: it goes back first.
      await endLease(bucket);
      noLeaseUntil.set(bucket, localNow() + retryAfterMs);
      const { spendable, intervalMs } = shape(bucket);
      const now = nowSql();
      const until = sql`${now} + ${seconds(retryAfterMs)}`;
      // One token to spend when the pause ends, then the sustained rate.
      const refill = seconds(retryAfterMs + (spendable - 1) * intervalMs);
      await db
        .execute(
          sql`insert into rate_budget as b (team_key, bucket, full_at, paused_until)
              values (${teamKey}, ${bucket}, ${now} + ${refill}, ${until})
              on conflict (team_key, bucket) do update
                 set paused_until = greatest(coalesce(b.paused_until, ${now}), ${until}),
                     full_at = greatest(b.full_at, ${now} + ${refill})`,
        )
        .catch(failOpen);
    },
  };
}

/** Forgets every bucket (the embedded sandbox was reset: its buckets are full again). */
export async function resetRateBudget(db: Database): Promise<void> {
  await db.execute(sql`delete from rate_budget`);
}

/**
 * The embedded sandbox's clock moved forward by `ms` (`/_sandbox/clock`): its buckets refilled by
 * that much, so the budget's do too, and its pauses end that much sooner.
 */
export async function advanceRateBudget(db: Database, ms: number): Promise<void> {
  await db.execute(sql`update rate_budget set full_at = full_at - ${seconds(ms)}, paused_until = paused_until - ${seconds(ms)}`);
}

/** CONSOLE_BUDGET_LEASE: leases on (the default, DEFAULT_LEASE) or `off` (every call takes its own token in the database). */
export function budgetLeaseFromEnv(value: string | undefined): LeaseOptions | undefined {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'on') return DEFAULT_LEASE;
  if (text === 'off') return undefined;
  throw new Error(`CONSOLE_BUDGET_LEASE must be "on" or "off" (got "${value}").`);
}

/** CONSOLE_BUDGET_MAX_WAIT_MS: 0–60000 ms, default 2000. */
export function budgetMaxWaitFromEnv(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_BUDGET_MAX_WAIT_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
    throw new Error(`CONSOLE_BUDGET_MAX_WAIT_MS must be a whole number of milliseconds from 0 to 60000 (got "${text}").`);
  }
  return ms;
}

/**
 * CONSOLE_RATE_LIMITS: the team's tier when it is not the documented default, as JSON, e.g.
 * `{"characters_get":{"capacity":480,"perMinute":240}}`; buckets it leaves out keep the defaults.
 */
export function rateLimitsFromEnv(value: string | undefined): RateLimits {
  const text = value?.trim();
  const limits: RateLimits = { ...RATE_LIMIT_BUCKETS };
  if (!text) return limits;
  const fail = (why: string): never => {
    throw new Error(`CONSOLE_RATE_LIMITS ${why}. Example: {"characters_get":{"capacity":480,"perMinute":240}}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('must be a JSON object');
  for (const [name, limit] of Object.entries(parsed)) {
    if (!(name in RATE_LIMIT_BUCKETS)) fail(`names an unknown bucket "${name}" (known: ${Object.keys(RATE_LIMIT_BUCKETS).join(', ')})`);
    const { capacity, perMinute } = (limit ?? {}) as Partial<BucketLimit>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1_000_000;
    if (!ok(capacity) || !ok(perMinute)) fail(`needs whole numbers capacity and perMinute (1–1000000) for "${name}"`);
    limits[name as RateLimitBucket] = { capacity: capacity as number, perMinute: perMinute as number };
  }
  return limits;
}
