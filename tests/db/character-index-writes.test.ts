/**
 * Two writers of the character index at once (server/scope/character-index.ts `indexAnswers`):
 * a list page arrives newest first, a burst of webhooks oldest first. Taking the same rows in
 * opposite orders deadlocked on PostgreSQL (one writer killed after `deadlock_timeout`; in the
 * team bench, 7 webhook deliveries answered 500 and came again only on their retry, 8 s later).
 * PostgreSQL only: PGlite has one connection, so its transactions never overlap.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { openDatabase, type ConsoleDatabase, type Database } from '../../server/db/database';
import { character as characterTable } from '../../server/db/schema';
import { indexAnswers } from '../../server/scope/character-index';
import { answer } from './answers';
import { freshDatabase, TEST_DATABASE_URL, type FreshDatabase } from './databases';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

describe.runIf(TEST_DATABASE_URL)('writers of the character index on postgres', () => {
  let fresh: FreshDatabase;
  let database: ConsoleDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase('postgres');
    database = await openDatabase(fresh.options);
    await indexAnswers(database.db, [answer(1, 'one', 'reviewing', 10), answer(2, 'two', 'reviewing', 10)]);
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  /** Resolves once some backend of this database waits for a row lock. */
  async function someoneWaitsForALock() {
    const client = new pg.Client({ connectionString: fresh.options.databaseUrl });
    await client.connect();
    try {
      for (let tries = 0; tries < 200; tries++) {
        const { rows } = await client.query<{ n: string }>(
          `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (Number(rows[0]!.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('No writer ever waited for the other.');
    } finally {
      await client.end();
    }
  }

  it('takes the same rows in opposite orders without a deadlock: both writes land', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding!: () => void;
    const nowHolding = new Promise<void>((resolve) => {
      holding = resolve;
    });
    // A webhook burst's write holds character 1 and, later, wants character 2…
    const webhooks = database.db.transaction(async (tx) => {
      await indexAnswers(tx as unknown as Database, [answer(1, 'one (webhook)', 'reviewing', 20)]);
      holding();
      await held;
      await indexAnswers(tx as unknown as Database, [answer(2, 'two (webhook)', 'reviewing', 20)]);
    });
    await nowHolding;
    // …while a list page, newest first, writes 2 then 1.
    const listPage = indexAnswers(database.db, [answer(2, 'two (list)', 'reviewing', 30), answer(1, 'one (list)', 'reviewing', 30)]);
    await someoneWaitsForALock();
    release();
    const outcomes = await Promise.allSettled([webhooks, listPage]);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason?.cause ?? outcome.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
    ]);
    // The list page waited for the webhooks' transaction, then wrote its fresher answers over them.
    const rows = await database.db
      .select({ id: characterTable.id, name: characterTable.name })
      .from(characterTable)
      .orderBy(characterTable.id);
    expect(rows).toEqual([
      { id: 'char_0001', name: 'one (list)' },
      { id: 'char_0002', name: 'two (list)' },
    ]);
  });
});
