/**
 * The console's database on PGlite and (with TEST_DATABASE_URL) PostgreSQL: migrations apply on a
 * fresh database, a restart keeps what was written, copies starting together migrate once, and a
 * PGlite folder is never opened by two processes at once.
 */
import { eq, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_POOL_MAX,
  MIGRATIONS_FOLDER,
  databaseOptionsFromEnv,
  openDatabase,
  queryRows,
  type ConsoleDatabase,
} from '../../server/db/database';
import { auditLog, character, session, user } from '../../server/db/schema';
import { addPerson } from '../../server/people/people';
import { DRIVERS, freshDatabase } from './databases';

// Booting PGlite (WebAssembly) takes seconds on a loaded machine; nothing here is timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

const appliedMigrations = async ({ db }: ConsoleDatabase) =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n;

const tablesOf = async ({ db }: ConsoleDatabase) =>
  (
    await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    )
  ).map((row) => row.table_name);

describe.each(DRIVERS)('the database on %s', (driver) => {
  it('applies every migration to a fresh database, once, and again finds nothing to do', async () => {
    const fresh = await freshDatabase(driver);
    try {
      const first = await openDatabase(fresh.options);
      expect(await tablesOf(first)).toEqual([
        'account',
        'audit_log',
        'character',
        'console_secret',
        'invitation',
        'pose_version',
        'rate_budget',
        'review_claim',
        'review_decision',
        'review_decision_lock',
        'session',
        'stored_image',
        'sync_state',
        'upload_classification',
        'upload_owner',
        'user',
        'verification',
        'webhook_event',
        'webhook_registration',
      ]);
      expect(await appliedMigrations(first)).toBe(journal.entries.length);
      await first.close();
      const again = await openDatabase(fresh.options);
      expect(await appliedMigrations(again)).toBe(journal.entries.length);
      await again.close();
    } finally {
      await fresh.drop();
    }
  });

  it('keeps people, sessions, index rows and audit rows across a restart', async () => {
    const fresh = await freshDatabase(driver);
    try {
      const before = await openDatabase(fresh.options);
      const person = await addPerson(before.db, { email: 'keeps@example.com', role: 'creator', password: 'long-enough-password' });
      await before.db
        .insert(session)
        .values({ id: 'sess_1', token: 'token-1', userId: person.id, expiresAt: new Date(Date.now() + 3_600_000), updatedAt: new Date() });
      const at = new Date('2026-01-02T03:04:05.000Z');
      await before.db.insert(character).values({
        id: 'char_01',
        ownerScope: `person:${person.id}`,
        creatorPersonId: person.id,
        name: 'Ada',
        status: 'reviewing',
        createdAt: at,
        updatedAt: at,
        classify: [{ upload_id: 'upl_1', pose: 'front', confidence: 0.97 }],
        costs: { create: 4 },
      });
      await before.db.insert(auditLog).values({
        actorPersonId: person.id,
        actorLabel: person.email,
        action: 'create',
        characterId: 'char_01',
        credits: 4,
        details: { poses: 4 },
      });
      await before.close();

      const after = await openDatabase(fresh.options);
      const [stored] = await after.db.select().from(user);
      expect(stored).toMatchObject({ email: 'keeps@example.com', role: 'creator' });
      expect(await after.db.select({ token: session.token }).from(session)).toEqual([{ token: 'token-1' }]);
      expect(await after.db.select().from(character)).toEqual([
        expect.objectContaining({
          id: 'char_01',
          name: 'Ada',
          createdAt: at,
          classify: [{ upload_id: 'upl_1', pose: 'front', confidence: 0.97 }],
          costs: { create: 4 },
        }),
      ]);
      expect(await after.db.select().from(auditLog).where(eq(auditLog.action, 'create'))).toEqual([
        expect.objectContaining({ action: 'create', actorPersonId: person.id, characterId: 'char_01', credits: 4, details: { poses: 4 } }),
      ]);
      await after.close();
    } finally {
      await fresh.drop();
    }
  });
});

describe.runIf(DRIVERS.includes('postgres'))('several copies on one PostgreSQL', () => {
  it('three copies starting at once on a fresh database all come up, and the migrations are applied once', async () => {
    const fresh = await freshDatabase('postgres');
    try {
      const copies = await Promise.all([openDatabase(fresh.options), openDatabase(fresh.options), openDatabase(fresh.options)]);
      for (const copy of copies) expect(await appliedMigrations(copy)).toBe(journal.entries.length);
      await Promise.all(copies.map((copy) => copy.close()));
    } finally {
      await fresh.drop();
    }
  });
});

describe('DATABASE_POOL_MAX', () => {
  const url = 'postgres://u@127.0.0.1:5432/d';
  it('defaults to 10 connections a copy and takes a whole number from 1 to 500', () => {
    expect(databaseOptionsFromEnv({ DATABASE_URL: url }).poolMax).toBe(DEFAULT_POOL_MAX);
    expect(DEFAULT_POOL_MAX).toBe(10);
    expect(databaseOptionsFromEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: ' 40 ' }).poolMax).toBe(40);
  });
  it('refuses anything else at start, saying what it wants', () => {
    for (const bad of ['0', '501', '2.5', 'ten', '-3']) {
      expect(() => databaseOptionsFromEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: bad })).toThrow(
        `DATABASE_POOL_MAX must be a whole number from 1 to 500, not "${bad}".`,
      );
    }
  });
  it.runIf(DRIVERS.includes('postgres'))('holds at most that many connections, however many queries wait', async () => {
    const fresh = await freshDatabase('postgres');
    try {
      const copy = await openDatabase({ ...fresh.options, poolMax: 3 });
      try {
        const pids = await Promise.all(
          Array.from({ length: 8 }, () =>
            queryRows<{ pid: number }>(copy.db, sql`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`).then((rows) => rows[0]!.pid),
          ),
        );
        expect(new Set(pids).size).toBe(3);
      } finally {
        await copy.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});

describe('the embedded database folder', () => {
  it('refuses a second opening of the same PGlite folder while the first is open, with a clear message', async () => {
    const fresh = await freshDatabase('pglite');
    try {
      const first = await openDatabase(fresh.options);
      await expect(openDatabase(fresh.options)).rejects.toThrow(/is in use by process \d+.*DATABASE_URL/);
      await first.close();
      // Closed: the folder is free again.
      const second = await openDatabase(fresh.options);
      await second.close();
    } finally {
      await fresh.drop();
    }
  });
});
