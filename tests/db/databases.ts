/**
 * The databases the database tests run on: PGlite always, PostgreSQL when TEST_DATABASE_URL is
 * set (`.ci/run` always sets it; see the README). Each test gets its own fresh database: a temp
 * folder for PGlite, a new database on the server for PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseOptions } from '../../server/db/database';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export type Driver = 'pglite' | 'postgres';
export const DRIVERS: readonly Driver[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

if (!TEST_DATABASE_URL) {
  console.warn(
    '[db tests] TEST_DATABASE_URL is unset: the PostgreSQL runs are SKIPPED (PGlite only). See the README, "Tests against PostgreSQL".',
  );
}

export interface FreshDatabase {
  options: DatabaseOptions;
  /** For PGlite: the data folder (its `pglite/` holds the database). */
  dataDir: string | null;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(driver: Driver): Promise<FreshDatabase> {
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'console-db-test-'));
    return {
      options: { dataDir: path.join(dataDir, 'pglite') },
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is unset.');
  const name = `console_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() },
    dataDir: null,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
