/**
 * The rate budget's leases (server/rate-budget.ts): far from its limit a copy takes tokens in
 * batches, yet every call still spends exactly one token of the shared row, near the limit the
 * queue is what single takes give, and a 429 gives back what a lease did not spend.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type ConsoleDatabase } from '../../server/db/database';
import { createRateBudget, QUEUE_MARGIN_MS, rateLimitsFromEnv, type LeaseOptions, type RateBudget } from '../../server/rate-budget';

let database: ConsoleDatabase;
let clock: number;

beforeAll(async () => {
  database = await openDatabase({ dataDir: null });
}, 60_000);
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.execute(sql`delete from rate_budget`);
  clock = Date.parse('2026-12-02T12:00:00Z');
});

/** 40 spendable tokens (41, one in reserve), one a second: a lease of 8 needs 8 + 20 of them. */
const LIMITS = rateLimitsFromEnv('{"characters_get":{"capacity":41,"perMinute":60}}');
const LEASE: LeaseOptions = { tokens: 8, ms: 20 };

const budget = (lease?: LeaseOptions, teamKey = 'team-1', waits: number[] = []): RateBudget =>
  createRateBudget({
    db: database.db,
    teamKey,
    limits: LIMITS,
    lease,
    now: () => new Date(clock),
    // Sleeping moves the fixed clock on to the call's slot.
    sleep: async (ms) => {
      waits.push(ms - QUEUE_MARGIN_MS);
      clock += ms - QUEUE_MARGIN_MS;
    },
  });

/** Tokens the shared row counts as spent (full_at ahead of the clock, in one-second intervals). */
async function spent(teamKey = 'team-1'): Promise<number> {
  const [row] = await queryRows<{ s: string | number }>(
    database.db,
    sql`select extract(epoch from full_at - ${new Date(clock).toISOString()}::timestamptz) as s from rate_budget where team_key = ${teamKey}`,
  );
  return Math.round(Number(row?.s ?? 0));
}
/** Lets a lease's real-time end (LEASE.ms) pass, so what it did not spend goes back. */
const leaseOver = () => new Promise((resolve) => setTimeout(resolve, LEASE.ms * 4));

describe('leases of the team’s bucket', () => {
  it('take a batch in one go far from the limit, and give back what was not spent', async () => {
    const b = budget(LEASE);
    for (let i = 0; i < 5; i++) await b.admit('characters_get', 1_000);
    // One statement took 8 for this copy; 5 calls went.
    expect(await spent()).toBe(8);
    await leaseOver();
    expect(await spent()).toBe(5);
  });

  it('near the limit, leave the queue exactly as single takes would', async () => {
    const leasedWaits: number[] = [];
    const singleWaits: number[] = [];
    const leased = budget(LEASE, 'team-leased', leasedWaits);
    const single = budget(undefined, 'team-single', singleWaits);
    // 45 callers one after another: 40 tokens at once, then one a second.
    const start = clock;
    for (let i = 0; i < 45; i++) await leased.admit('characters_get', 60_000);
    clock = start;
    for (let i = 0; i < 45; i++) await single.admit('characters_get', 60_000);
    expect(leasedWaits).toEqual(singleWaits);
    expect(singleWaits.map(Math.round)).toEqual([1000, 1000, 1000, 1000, 1000]);
    await leaseOver();
    expect(await spent('team-leased')).toBe(await spent('team-single'));
  });

  it('are shared: a copy without a lease queues behind what another copy leased', async () => {
    const a = budget(LEASE);
    const waits: number[] = [];
    const b = budget(undefined, 'team-1', waits);
    await a.admit('characters_get', 1_000);
    // a holds 8 (7 unspent) while b spends the other 32: b's 33rd take waits behind a's lease.
    for (let i = 0; i < 33; i++) await b.admit('characters_get', 60_000);
    expect(waits.map(Math.round)).toEqual([1000]);
    await leaseOver();
    // a's 7 unspent went back: 1 + 33 spent in all, less the one token refilled during b's 1 s wait.
    expect(await spent()).toBe(33);
  });

  it('end at a 429: what is unspent goes back before the pause, and no lease is taken during it', async () => {
    const b = budget(LEASE);
    await b.admit('characters_get', 1_000);
    expect(await spent()).toBe(8);
    await b.pause('characters_get', 5_000);
    // The 7 unspent went back, then the pause: a call now waits it out instead of using a lease.
    const waits: number[] = [];
    const after = budget(LEASE, 'team-1', waits);
    await after.admit('characters_get', 60_000);
    expect(waits.map(Math.round)).toEqual([5000]);
  });
});
