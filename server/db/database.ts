/**
 * Opening the console's database: PostgreSQL through node-postgres when DATABASE_URL is set,
 * otherwise PGlite (Postgres in WebAssembly) persisted in CONSOLE_DATA_DIR (default `.data/`).
 * Either way the migrations in server/db/migrations/ are applied before anything else runs,
 * under a Postgres advisory lock so copies starting together apply them once, in turn.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { wholeNumberFromEnv } from '../limits';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** What the rest of the console sees: the same Drizzle API over either driver. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface ConsoleDatabase {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Milliseconds spent applying migrations (waiting for another copy's lock included). */
  migrateMs: number;
  /** LISTEN on a channel (server/live/): one dedicated connection per copy on PostgreSQL. */
  listen: Listen;
  close(): Promise<void>;
}

/**
 * Subscribes to a NOTIFY channel; resolves once listening, to the unsubscribe. `onGap` is called
 * when notifications may have been missed (the listening connection was lost and is back).
 */
export type Listen = (channel: string, onPayload: (payload: string) => void, onGap?: () => void) => Promise<() => Promise<void>>;

/** The one connection a PostgreSQL copy LISTENs on, reconnecting (after 1 s) when it is lost. */
function postgresListener(connectionString: string) {
  const channels = new Map<string, Set<{ onPayload: (payload: string) => void; onGap: (() => void) | undefined }>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString });
      next.on('notification', (message) => {
        for (const listener of channels.get(message.channel) ?? []) listener.onPayload(message.payload ?? '');
      });
      const lost = () => {
        if (client !== next) return;
        client = null;
        connecting = null;
        next.end().catch(() => undefined);
        if (closed) return;
        const retry = () => {
          if (closed) return;
          connect().then(
            () => {
              for (const set of channels.values()) for (const listener of set) listener.onGap?.();
            },
            () => setTimeout(retry, 1000).unref(),
          );
        };
        setTimeout(retry, 1000).unref();
      };
      next.on('error', (error) => {
        console.error('[db] listening connection lost:', error.message);
        lost();
      });
      next.on('end', lost);
      try {
        await next.connect();
        for (const channel of channels.keys()) await next.query(`LISTEN ${quote(channel)}`);
      } catch (error) {
        connecting = null;
        await next.end().catch(() => undefined);
        throw error;
      }
      client = next;
      return next;
    })();
    return connecting;
  };

  const listen: Listen = async (channel, onPayload, onGap) => {
    const listener = { onPayload, onGap };
    const fresh = !channels.has(channel);
    const set = channels.get(channel) ?? new Set();
    set.add(listener);
    channels.set(channel, set);
    const connected = await connect();
    if (fresh && client === connected) await connected.query(`LISTEN ${quote(channel)}`);
    return async () => {
      set.delete(listener);
      if (set.size === 0) {
        channels.delete(channel);
        await client?.query(`UNLISTEN ${quote(channel)}`).catch(() => undefined);
      }
    };
  };
  const close = async () => {
    closed = true;
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
  return { listen, close };
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** pg_advisory_lock key for "applying migrations" (any fixed 64-bit number; this spells "aurousdb"). */
export const MIGRATION_LOCK_KEY = 0x6175726f75736462n;

export interface DatabaseOptions {
  /** postgres://… ; when set, PGlite is not used. */
  databaseUrl?: string | undefined;
  /** PostgreSQL connections this copy may hold at once (DATABASE_POOL_MAX). */
  poolMax?: number | undefined;
  /** PGlite's folder (the data folder's `pglite/`); null keeps it in memory (tests). */
  dataDir?: string | null | undefined;
}

export interface DatabaseEnv {
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_MAX?: string | undefined;
  CONSOLE_DATA_DIR?: string | undefined;
}

/** The data folder: CONSOLE_DATA_DIR, default `.data/` in the working directory. */
export const dataDirFromEnv = (env: DatabaseEnv): string => path.resolve(env.CONSOLE_DATA_DIR?.trim() || '.data');

export function databaseOptionsFromEnv(env: DatabaseEnv): DatabaseOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return { databaseUrl, poolMax: poolMaxFromEnv(env.DATABASE_POOL_MAX) };
  }
  return { dataDir: path.join(dataDirFromEnv(env), 'pglite') };
}

/**
 * Connections a copy holds at most (node-postgres' default). Measured on two cores with the
 * database on the same machine, 20 did not beat 10: more backends only took turns on the same
 * cores (overhead bench p50 35 ms at 20, 19 ms at 10). With a database server of its own, more
 * may pay: DATABASE_POOL_MAX. Idle connections close after 10 s. Mind the server's
 * `max_connections` (100 by default) across copies.
 */
export const DEFAULT_POOL_MAX = 10;

/** DATABASE_POOL_MAX: 1–500 connections, default DEFAULT_POOL_MAX. */
export const poolMaxFromEnv = (value: string | undefined): number =>
  wholeNumberFromEnv('DATABASE_POOL_MAX', value, DEFAULT_POOL_MAX, { max: 500 });

export async function openDatabase(options: DatabaseOptions): Promise<ConsoleDatabase> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolMax ?? DEFAULT_POOL_MAX) : openPglite(options.dataDir ?? null);
}

async function openPostgres(connectionString: string, max: number): Promise<ConsoleDatabase> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its server (a restart) must not crash the console.
  pool.on('error', (error) => console.error('[db] idle connection error:', error.message));
  const started = performance.now();
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`Could not connect to DATABASE_URL: ${error.message}`);
  });
  try {
    // Session-level lock on this one connection: migrations run on the same connection, and a
    // second copy waits here until the first has finished (then finds nothing left to apply).
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
  const migrateMs = performance.now() - started;
  const db = drizzleNodePg(pool, { schema });
  const listener = postgresListener(connectionString);
  return {
    db,
    driver: 'postgres',
    migrateMs,
    listen: listener.listen,
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | null): Promise<ConsoleDatabase> {
  // PGlite is one process's database: a second process on the same folder would corrupt it.
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  const started = performance.now();
  try {
    // One connection, so the lock is uncontended; taken anyway so both drivers follow one rule.
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()})`);
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()})`);
  } catch (error) {
    await client.close();
    release();
    throw error;
  }
  const migrateMs = performance.now() - started;
  return {
    db,
    driver: 'pglite',
    migrateMs,
    // One process, one database: PGlite delivers its own NOTIFYs to every callback.
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Rows of a raw SQL query, on either driver (both answer `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
