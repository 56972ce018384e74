/**
 * Change notifications: whenever the index learns that a character changed (its status,
 * updated_at, name or refs) or is gone, every copy of the console is told by Postgres
 * `NOTIFY` on one channel. The payload names the change (id, owner scope, status, updated_at, the
 * status before) and carries the character as written when it fits (a NOTIFY takes under 8000
 * bytes), so each copy's live hub (hub.ts) tells its own browsers without reading the row back;
 * without it, the hub reads the row.
 *
 * Only real changes are announced: the writer reads the rows before its write and compares with
 * what the write returned. The index only moves forward (the fresher `updated_at` wins), so the
 * writer that moved a row is the one that announces it; a duplicate is harmless, and so is a note
 * that arrives after a newer one (two writers announce after their own writes): the browser keeps
 * the fresher `updated_at`, and a list it no longer matches is read again. A missed one is not
 * possible short of a lost connection (then the hub resyncs).
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { character as characterTable } from '../db/schema';

export const CHARACTER_CHANNEL = 'aurous_character_changes';

export type ChangeNote =
  | {
      kind: 'changed';
      id: string;
      scope: string | null;
      status: string;
      updated_at: string;
      was: string | null;
      /**
       * The character as written, when it fits in a notification: the hubs then tell their
       * browsers without reading the row back (absent: they read it).
       */
      character?: unknown;
    }
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
/** What a write returns to announce its changes: the observed columns and the character as written. */
export const ANNOUNCED_COLUMNS = { ...observedColumns, character: characterTable.character };

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

/** Notes for the rows a write changed (new rows included), each carrying the row's character when the write returned it. */
export function changesOf(before: Map<string, Observed>, after: readonly (Observed & { character?: unknown })[]): ChangeNote[] {
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
        ...(row.character === undefined ? {} : { character: row.character }),
      });
    }
  }
  return notes;
}

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: a note whose character would not
 * fit goes without it (its hubs read the row, as for any note without one).
 */
export const MAX_PAYLOAD_BYTES = 7900;
export function payloadOf(note: ChangeNote): string {
  const payload = JSON.stringify(note);
  if (note.kind !== 'changed' || note.character === undefined || Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return payload;
  const { character: _dropped, ...lean } = note;
  return JSON.stringify(lean);
}

/** Tells every copy (NOTIFY is delivered at commit; these writes are not in a transaction, so at once). */
export async function announce(db: Database, notes: readonly ChangeNote[]): Promise<void> {
  if (notes.length === 0) return;
  const payloads = notes.map(payloadOf);
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
