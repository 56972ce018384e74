/**
 * Change notifications: whenever the index learns that a character changed (its status,
 * updated_at, name or refs) or is gone, every copy of the console is told by Postgres
 * `NOTIFY` on one channel. The payload is small (id, owner scope, status, updated_at, the status
 * before); each copy's live hub (hub.ts) reads the row and tells its own browsers.
 *
 * Only real changes are announced: the writer reads the rows before its write and compares with
 * what the write returned. The index only moves forward (the fresher `updated_at` wins), so the
 * writer that moved a row is the one that announces it; a duplicate is harmless (the hub reads
 * the row), a missed one is not possible short of a lost connection (then the hub resyncs).
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { character as characterTable } from '../db/schema';

export const CHARACTER_CHANNEL = 'aurous_character_changes';

export type ChangeNote =
  | { kind: 'changed'; id: string; scope: string | null; status: string; updated_at: string; was: string | null }
  | { kind: 'removed'; id: string; scope: string | null; was: string | null }
  | { kind: 'reset' }
  /** Who is reviewing the character changed (server/review/claims.ts): the hub reads the claim back. */
  | { kind: 'claim'; id: string };

export interface Observed {
  id: string;
  ownerScope: string | null;
  status: string;
  updatedAt: Date;
  name: string;
  refs: unknown;
}

const observedColumns = {
  id: characterTable.id,
  ownerScope: characterTable.ownerScope,
  status: characterTable.status,
  updatedAt: characterTable.updatedAt,
  name: characterTable.name,
  refs: sql<unknown>`${characterTable.character} -> 'refs'`,
};
export const OBSERVED_COLUMNS = observedColumns;

/** The rows as they are now, by id (what a write compares its result with). */
export async function observe(db: Database, ids: readonly string[]): Promise<Map<string, Observed>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(observedColumns)
    .from(characterTable)
    .where(inArray(characterTable.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

const same = (before: Observed, after: Observed) =>
  before.status === after.status &&
  before.updatedAt.getTime() === after.updatedAt.getTime() &&
  before.name === after.name &&
  before.ownerScope === after.ownerScope &&
  JSON.stringify(before.refs) === JSON.stringify(after.refs);

/** Notes for the rows a write changed (new rows included). */
export function changesOf(before: Map<string, Observed>, after: readonly Observed[]): ChangeNote[] {
  const notes: ChangeNote[] = [];
  for (const row of after) {
    const old = before.get(row.id);
    if (old && same(old, row)) continue;
    if (row.status === 'deleted') {
      notes.push({ kind: 'removed', id: row.id, scope: row.ownerScope, was: old?.status ?? null });
    } else {
      notes.push({
        kind: 'changed',
        id: row.id,
        scope: row.ownerScope,
        status: row.status,
        updated_at: row.updatedAt.toISOString(),
        was: old?.status ?? null,
      });
    }
  }
  return notes;
}

/** Tells every copy (NOTIFY is delivered at commit; these writes are not in a transaction, so at once). */
export async function announce(db: Database, notes: readonly ChangeNote[]): Promise<void> {
  if (notes.length === 0) return;
  const payloads = notes.map((note) => JSON.stringify(note));
  await db.execute(
    sql`select pg_notify(${CHARACTER_CHANNEL}, payload) from unnest(${sql`array[${sql.join(
      payloads.map((payload) => sql`${payload}`),
      sql`, `,
    )}]::text[]`}) as payload`,
  );
}

export function parseNote(payload: string): ChangeNote | null {
  try {
    const note = JSON.parse(payload) as ChangeNote;
    if (note.kind === 'reset') return note;
    if ((note.kind === 'changed' || note.kind === 'removed' || note.kind === 'claim') && typeof note.id === 'string') return note;
  } catch {
    // not one of ours
  }
  return null;
}
