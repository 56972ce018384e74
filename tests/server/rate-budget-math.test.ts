/**
 * The rate budget's bucket math (server/rate-budget.ts), on the real statements against an
 * in-memory PGlite with a fixed clock: burst, sustained refill, the queue's order, refusing a wait
 * past the caller's limit without taking, and a 429's pause. The waits are what `admit` sleeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type ConsoleDatabase } from '../../server/db/database';
import {
  advanceRateBudget,
  resetRateBudget,
  createRateBudget,
  QUEUE_MARGIN_MS,
  RateBudgetWait,
  rateLimitsFromEnv,
  teamKeyOf,
  type RateBudget,
} from '../../server/rate-budget';

let database: ConsoleDatabase;
let clock: number;
let slept: number[];

beforeAll(async () => {
  database = await openDatabase({ dataDir: null });
}, 60_000);
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.execute(sql`delete from rate_budget`);
  clock = Date.parse('2026-12-02T12:00:00Z');
  slept = [];
});

/** characters_get with a burst of 4 (3 spendable) at the documented 120 a minute, so a test need not spend 240 statements on the burst. */
const SMALL = rateLimitsFromEnv('{"characters_get":{"capacity":4,"perMinute":120}}');

const budget = (teamKey = 'team-1', limits = SMALL): RateBudget =>
  createRateBudget({
    db: database.db,
    teamKey,
    limits,
    now: () => new Date(clock),
    // Sleeping moves the fixed clock on to the call's slot; what was slept is its wait (plus the margin).
    sleep: async (ms) => {
      slept.push(ms - QUEUE_MARGIN_MS);
      clock += ms - QUEUE_MARGIN_MS;
    },
  });

/** Takes `n` tokens from characters_get (240 burst, 120 a minute: one every 500 ms) with a generous limit; the waits, in ms. */
async function takeMany(b: RateBudget, n: number, maxWaitMs = 3_600_000): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = slept.length;
    await b.admit('characters_get', maxWaitMs);
    waits.push(slept.length > before ? Math.round(slept[before] ?? 0) : 0);
  }
  return waits;
}

describe('the team’s bucket', () => {
  it('gives the documented burst at once (less the one token held in reserve), then one token per refill interval', async () => {
    const b = budget('team-1', rateLimitsFromEnv(undefined));
    const burst = await takeMany(b, 239);
    expect(burst.every((wait) => wait === 0)).toBe(true);
    // The 240th waits one interval (500 ms at 120 a minute); the sleep moved the clock, so the next waits one more.
    expect(await takeMany(b, 3)).toEqual([500, 500, 500]);
  });

  it('queues callers in order of arrival when they come at once', async () => {
    const b = budget();
    await takeMany(b, 3);
    // Three callers at the same instant (the clock does not move between takes): 500, 1000, 1500 ms.
    const waits: number[] = [];
    const frozen = createRateBudget({
      db: database.db,
      teamKey: 'team-1',
      limits: SMALL,
      now: () => new Date(clock),
      sleep: async (ms) => {
        waits.push(ms - QUEUE_MARGIN_MS);
      },
    });
    for (let i = 0; i < 3; i++) await frozen.admit('characters_get', 60_000);
    expect(waits.map(Math.round)).toEqual([500, 1000, 1500]);
  });

  it('refills at the sustained rate and never past capacity', async () => {
    const b = budget();
    await takeMany(b, 3);
    clock += 1_000; // 1 s at 120 a minute: 2 tokens
    expect(await takeMany(b, 3)).toEqual([0, 0, 500]);
    clock += 3_600_000; // an hour idle: full, and no more than full
    expect(await takeMany(b, 4)).toEqual([0, 0, 0, 500]);
  });

  it('refuses a wait past the caller’s limit, says how long it would be, and takes nothing', async () => {
    const b = budget();
    await takeMany(b, 3);
    await expect(b.admit('characters_get', 400)).rejects.toEqual(new RateBudgetWait(500));
    await expect(b.admit('characters_get', 400)).rejects.toSatisfy((error: RateBudgetWait) => Math.round(error.waitMs) === 500);
    // Nothing was taken by the refusals: the next caller who may wait gets the first place.
    expect(await takeMany(b, 1, 1000)).toEqual([500]);
  });

  it('pauses for a 429’s Retry-After, then holds at most one token', async () => {
    const b = budget();
    await takeMany(b, 1); // 3 tokens left by our count, but the API said 429 (other clients used them)
    await b.pause('characters_get', 5_000);
    await expect(b.admit('characters_get', 4_000)).rejects.toSatisfy((error: RateBudgetWait) => Math.round(error.waitMs) === 5_000);
    expect(await takeMany(b, 1)).toEqual([5_000]);
    // After the pause: the sustained rate, not the burst our own count would have allowed.
    expect(await takeMany(b, 2)).toEqual([500, 500]);
  });

  it('follows the embedded sandbox’s clock when a test moves it on, and forgets everything when it is reset', async () => {
    const b = budget();
    await takeMany(b, 3);
    await advanceRateBudget(database.db, 1_000); // the sandbox refilled 2 tokens in its 1 s
    expect(await takeMany(b, 3)).toEqual([0, 0, 500]);
    await resetRateBudget(database.db);
    expect(await takeMany(b, 4)).toEqual([0, 0, 0, 500]);
  });

  it('keeps each team’s and each bucket’s budget apart', async () => {
    await takeMany(budget('team-1'), 3);
    expect((await takeMany(budget('team-2'), 1))[0]).toBe(0);
    await budget('team-1').admit('characters_post', 0);
    await expect(budget('team-1').admit('characters_get', 0)).rejects.toBeInstanceOf(RateBudgetWait);
  });

  it('follows the team’s own tier from CONSOLE_RATE_LIMITS', async () => {
    const b = budget('team-1', rateLimitsFromEnv('{"characters_get":{"capacity":3,"perMinute":6}}'));
    expect(await takeMany(b, 3)).toEqual([0, 0, 10_000]);
  });
});

describe('configuration', () => {
  it('refuses a CONSOLE_RATE_LIMITS it cannot use, and keeps the defaults for buckets it leaves out', () => {
    expect(() => rateLimitsFromEnv('{"images":{"capacity":1,"perMinute":1}}')).toThrow(/unknown bucket "images"/);
    expect(() => rateLimitsFromEnv('{"get":{"capacity":0,"perMinute":1}}')).toThrow(/whole numbers/);
    expect(() => rateLimitsFromEnv('not json')).toThrow(/not JSON/);
    expect(rateLimitsFromEnv('{"get":{"capacity":5,"perMinute":5}}')).toMatchObject({
      get: { capacity: 5, perMinute: 5 },
      characters_get: { capacity: 240, perMinute: 120 },
    });
  });

  it('keys the budget by a hash, never the API key itself', () => {
    const key = teamKeyOf('https://api.aurous-labs.com', 'al_live_secret');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toContain('secret');
    expect(teamKeyOf('https://other.example', 'al_live_secret')).not.toBe(key);
  });
});
