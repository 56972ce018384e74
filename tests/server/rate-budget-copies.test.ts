/**
 * One rate budget for the whole deployment (server/rate-budget.ts, callUpstream): two console
 * copies on one database, in front of one sandbox that enforces the documented buckets, share the
 * team's budget. A burst bigger than the bucket is queued, not refused; a 429 the API still sends
 * (the team's other clients used the bucket) pauses it on both copies; a wait longer than a
 * person should wait unannounced is the console's own `waiting_for_api` with Retry-After. On
 * PGlite (two apps on one database) and PostgreSQL (two pools) when TEST_DATABASE_URL is set.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import { RATE_LIMIT_BUCKETS } from '../../contract/constants';
import { createCharacterSync } from '../../server/scope/sync';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { createSandbox } from '../../sandbox/app';
import { createConsoleApp } from '../../server/app';
import { openDatabase, type ConsoleDatabase } from '../../server/db/database';
import { createRateBudget } from '../../server/rate-budget';
import { withRateBudget, type Upstream } from '../../server/upstream';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const SANDBOX_BASE = 'http://sandbox.test';

/** One sandbox as the team's API, counting what it answered. */
function teamApi() {
  const sandbox = createSandbox();
  const statuses: number[] = [];
  const upstream: Upstream = {
    kind: 'aurous',
    apiKey: SANDBOX_TEAM_A_KEY,
    baseUrl: () => SANDBOX_BASE,
    fetch: async (request) => {
      const answer = await sandbox.app.fetch(request);
      statuses.push(answer.status);
      return answer;
    },
  };
  /** The team's own backend, straight to the API (not through the console). */
  const direct = (method: string, path: string, body?: unknown) =>
    sandbox.app.fetch(
      new Request(`${SANDBOX_BASE}${path}`, {
        method,
        headers: { 'X-Api-Key': SANDBOX_TEAM_A_KEY, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { upstream, statuses, direct, count: (status: number) => statuses.filter((s) => s === status).length };
}

type Copy = (method: string, path: string, body?: unknown) => Promise<Response>;

/** A console copy on `db`: the proxy alone (no people), its budget in the shared database. */
function copyOn(database: ConsoleDatabase, upstream: Upstream, maxWaitMs: number): Copy {
  const budget = createRateBudget({ db: database.db, teamKey: 'team-a', maxWaitMs });
  const app = createConsoleApp({ upstream: withRateBudget(upstream, budget) });
  return async (method, path, body) =>
    app.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: { Host: '127.0.0.1', ...(body === undefined ? {} : { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
}

describe.each(DRIVERS)('two console copies sharing one budget on %s', (driver) => {
  let fresh: FreshDatabase | undefined;
  const opened: ConsoleDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
    await fresh?.drop();
  });

  /** Two copies' databases: the same PGlite for both (it is one process's), two pools on one PostgreSQL. */
  async function databases(): Promise<[ConsoleDatabase, ConsoleDatabase]> {
    fresh = await freshDatabase(driver);
    const a = await openDatabase(fresh.options);
    opened.push(a);
    if (driver === 'pglite') return [a, a];
    const b = await openDatabase(fresh.options);
    opened.push(b);
    return [a, b];
  }

  it('queue a burst bigger than the team’s bucket: every GET succeeds and the API sends no 429', async () => {
    // Without the budget, the same burst earns the API's 429s (the test would see them).
    const bare = teamApi();
    const unbudgeted = createConsoleApp({ upstream: bare.upstream });
    await Promise.all(
      Array.from({ length: 250 }, () =>
        unbudgeted.fetch(new Request('http://127.0.0.1/api/v1/characters?limit=1', { headers: { Host: '127.0.0.1' } })),
      ),
    );
    expect(bare.count(429)).toBeGreaterThan(0); // 10, less what refilled while the burst went out

    const api = teamApi();
    const [dbA, dbB] = await databases();
    const a = copyOn(dbA, api.upstream, 30_000);
    const b = copyOn(dbB, api.upstream, 30_000);
    // characters_get: 240 at once, then 2 a second. 250 GETs, split over both copies, all at once.
    const answers = await Promise.all(Array.from({ length: 250 }, (_, i) => (i % 2 ? a : b)('GET', '/api/v1/characters?limit=1')));
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    expect(api.count(429)).toBe(0);
    expect(api.statuses).toHaveLength(250);
  });

  it('a 429 from the API pauses the bucket for both copies, and a long wait is the console’s own answer with Retry-After', async () => {
    const api = teamApi();
    const [dbA, dbB] = await databases();
    const a = copyOn(dbA, api.upstream, 2_000);
    const b = copyOn(dbB, api.upstream, 2_000);
    // The team's backend spends the synthesize bucket (12 at once, 6 a minute) without the console knowing.
    for (let i = 0; i < 12; i++) await api.direct('POST', '/v1/characters', { generate: true });
    const synthesize = { name: 'Queued', generate: true, attributes: { hair_color: 'teal' } };

    const first = await a('POST', '/api/v1/characters', synthesize);
    // The API said 429 (Retry-After 10 s): longer than a person waits unannounced, so the console answers itself.
    expect(api.count(429)).toBe(1);
    expect(first.status).toBe(429);
    const firstBody = (await first.json()) as ApiErrorBody;
    expect(firstBody.error).toMatchObject({ type: 'rate_limit', code: 'waiting_for_api' });
    expect(firstBody.error.request_id).toMatch(/^req_console_/);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);

    // The other copy knows the pause: it does not ask the API at all, and says how long.
    const sent = api.statuses.length;
    const second = await b('POST', '/api/v1/characters', synthesize);
    expect(second.status).toBe(429);
    expect(((await second.json()) as ApiErrorBody).error.code).toBe('waiting_for_api');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(8);
    expect(api.statuses).toHaveLength(sent);
  });

  it('the sync skips its tick rather than queue behind people, and asks the API nothing', async () => {
    const api = teamApi();
    const [dbA] = await databases();
    // A tier of 2 (1 spendable) refilled once a minute: after one page, the next token is a minute away.
    const budget = createRateBudget({
      db: dbA.db,
      teamKey: 'team-a',
      limits: { ...RATE_LIMIT_BUCKETS, characters_get: { capacity: 2, perMinute: 1 } },
    });
    const sync = createCharacterSync({
      db: dbA.db,
      upstream: withRateBudget(api.upstream, budget),
      origin: 'http://127.0.0.1',
      intervalMs: 1000,
      holder: 'copy-a',
      log: () => undefined,
    });
    try {
      expect(await sync.tick()).toBe('pass_done');
      expect(await sync.tick()).toBe('rate_limited');
      expect(api.statuses).toEqual([200]);
    } finally {
      await sync.stop();
    }
  });

  it('a 429 within the caller’s wait is waited out and the call sent again: the person gets the answer, not the 429', async () => {
    const api = teamApi();
    const [dbA] = await databases();
    const a = copyOn(dbA, api.upstream, 5_000);
    // The sandbox's next request answers 429 with Retry-After 1 (the team's other clients, say).
    await api.direct('POST', '/_sandbox/config', { rate_limit_burst: 1 });
    const answer = await a('GET', '/api/v1/characters?limit=1');
    expect(answer.status).toBe(200);
    expect(api.statuses).toEqual([429, 200]);
  });
});
