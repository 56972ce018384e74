/**
 * Leases in the `sync_state` table: work exactly one copy does at a time (the character sync,
 * the in-flight poller, webhook registration). A row per job names its holder and an expiry
 * judged by the database's clock; another copy takes over once it has expired (a copy that died)
 * or been released (a copy that stopped).
 */
import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { queryRows } from './database';

/** What a job keeps in its row besides the lease (the sync's walk; everyone's back-off). */
export interface LeaseRow extends Record<string, unknown> {
  cursor: string | null;
  head_next: boolean;
  failures: number;
  /** A back-off after a 429 or a failure is still running. */
  backing_off: boolean;
}

/** Takes or renews the lease `name` for `holder`; its row while held, null while another copy holds it. */
export async function takeLease(db: Database, name: string, holder: string, leaseMs: number): Promise<LeaseRow | null> {
  await db.execute(sql`insert into sync_state (name) values (${name}) on conflict do nothing`);
  const [row] = await queryRows<LeaseRow>(
    db,
    sql`update sync_state
           set holder = ${holder}, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
         where name = ${name} and (holder is null or holder = ${holder} or lease_until < now())
     returning cursor, head_next, failures, coalesce(backoff_until > now(), false) as backing_off`,
  );
  return row ?? null;
}

/** Gives the lease up at once (a clean stop), so another copy need not wait for it to expire. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.execute(sql`update sync_state set holder = null, lease_until = null where name = ${name} and holder = ${holder}`);
}
