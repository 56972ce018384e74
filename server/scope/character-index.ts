/**
 * The console's index of characters (the `character` table): who owns each one, and the API's
 * last answer for it, which is what lists show. Rows come from the console's own creates, from
 * every character answer the proxy passes on, and from the sync's walk of `GET /v1/characters`;
 * a row whose character the API answers 404 for is pruned.
 */
import { and, asc, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Character, CharacterList } from '../../contract/aurous';
import { CHARACTER_STATUSES } from '../../contract/constants';
import type { CharacterIndexQuery } from '../../contract/character-index-query';
import type { Database } from '../db/database';
import { auditLog, character as characterTable, poseVersion, storedImage, syncState, uploadClassification } from '../db/schema';
import { ANNOUNCED_COLUMNS, announce, changesOf, observe, OBSERVED_COLUMNS } from '../live/notify';
import { parseScope, QUEUE_STATUSES, type Access, type Actor } from './scope';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A character answer from the API (not a deletion, not an error), or null. */
export function characterOf(value: unknown): Character | null {
  if (!isRecord(value) || value.object !== 'character' || 'deleted' in value) return null;
  const { id, name, status, created_at: createdAt, updated_at: updatedAt } = value;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof createdAt !== 'string' || typeof updatedAt !== 'string') return null;
  if (!(CHARACTER_STATUSES as readonly unknown[]).includes(status)) return null;
  if (!Number.isFinite(Date.parse(createdAt)) || !Number.isFinite(Date.parse(updatedAt)) || !Array.isArray(value.refs)) return null;
  return value as unknown as Character;
}

/** What the row keeps of an answer, newest answer winning (a slow read never undoes a later write). */
const fresherOr = (column: string) =>
  sql.raw(`case when excluded.updated_at >= "character".updated_at then excluded.${column} else "character".${column} end`);

/** The owner a `client_reference_id` names, when it is one of ours (a person who is still on the team, or not). */
function ownerOf(reference: unknown) {
  const parsed = parseScope(reference);
  return {
    ownerScope: parsed?.scope ?? null,
    creatorPersonId: parsed?.personId ? sql`(select id from "user" where id = ${parsed.personId})` : null,
  };
}

const rowValues = (answer: Character) => ({
  id: answer.id,
  name: answer.name,
  status: answer.status,
  createdAt: new Date(answer.created_at),
  updatedAt: new Date(answer.updated_at),
  character: answer as unknown as Record<string, unknown>,
  indexedAt: sql`now()`,
});

const answerSet = {
  name: fresherOr('name'),
  status: fresherOr('status'),
  updatedAt: fresherOr('updated_at'),
  character: fresherOr('character'),
  createdAt: sql.raw('excluded.created_at'),
  indexedAt: sql`now()`,
  // A row the sync made before the console's own create answer arrived learns its owner here.
  ownerScope: sql.raw(`coalesce("character".owner_scope, excluded.owner_scope)`),
  creatorPersonId: sql.raw(`coalesce("character".creator_person_id, excluded.creator_person_id)`),
};

/** Ascending id order: the order every writer of the index takes its rows in. */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Any character answer the API gave (a read, an edit, a list row, the sync): kept, owner from its
 * reference. The rows are written in id order, whatever order the answers came in: an upsert locks
 * its rows one after another, and two writers taking the same rows in opposite orders (a list page
 * comes newest first, a burst of webhooks oldest first) deadlock — PostgreSQL kills one after a
 * second (`deadlock_timeout`), and a webhook delivery answered 500 came again only on its retry.
 */
export async function indexAnswers(db: Database, answers: readonly Character[]): Promise<void> {
  if (answers.length === 0) return;
  // One row per id (a page never repeats one, but two answers in one call might).
  const unique = [...new Map(answers.map((answer) => [answer.id, answer])).values()].sort(byId);
  const before = await observe(
    db,
    unique.map((answer) => answer.id),
  );
  const after = await db
    .insert(characterTable)
    .values(unique.map((answer) => ({ ...rowValues(answer), ...ownerOf(answer.client_reference_id) })))
    .onConflictDoUpdate({ target: characterTable.id, set: answerSet })
    .returning(ANNOUNCED_COLUMNS);
  // Every copy's browsers hear of what changed (server/live/).
  await announce(db, changesOf(before, after));
}

/** The console created it: the row names its owner and creator, and what the classifier said about its uploads. */
export async function indexCreated(
  db: Database,
  answer: Character,
  actor: Actor,
  learned: { classify: Record<string, unknown>[]; costs: Record<string, number> },
): Promise<void> {
  const before = await observe(db, [answer.id]);
  const after = await db
    .insert(characterTable)
    .values({
      ...rowValues(answer),
      ownerScope: actor.scope,
      creatorPersonId: actor.personId ? sql`(select id from "user" where id = ${actor.personId})` : null,
      creatorSubject: actor.subject,
      classify: learned.classify,
      costs: learned.costs,
    })
    .onConflictDoUpdate({
      target: characterTable.id,
      set: {
        ...answerSet,
        creatorSubject: sql.raw(`coalesce("character".creator_subject, excluded.creator_subject)`),
        classify: sql.raw(`excluded.classify`),
        costs: sql.raw(`excluded.costs`),
      },
    })
    .returning(ANNOUNCED_COLUMNS);
  await announce(db, changesOf(before, after));
}

/** Credits spent on it, added to its `costs` by action. */
export async function addCost(db: Database, id: string, action: string, credits: number): Promise<void> {
  if (credits <= 0) return;
  await db
    .update(characterTable)
    .set({
      costs: sql`jsonb_set(${characterTable.costs}, ${`{${action}}`}::text[], to_jsonb(coalesce((${characterTable.costs} ->> ${action})::int, 0) + ${credits}))`,
    })
    .where(eq(characterTable.id, id));
}

/** The API no longer knows it (404), or it was discarded for good: the row goes. */
export async function pruneCharacter(db: Database, id: string): Promise<void> {
  await pruneWhere(db, eq(characterTable.id, id));
  // Its thumbnails and pose history too: a character discarded for good leaves no copy of its images behind.
  await db.delete(storedImage).where(eq(storedImage.characterId, id));
  await db.delete(poseVersion).where(eq(poseVersion.characterId, id));
}

/** Deletes the rows a condition names, and says so to every copy. */
export async function pruneWhere(db: Database, condition: SQL): Promise<void> {
  const gone = await db
    .delete(characterTable)
    .where(condition)
    .returning({ id: characterTable.id, scope: characterTable.ownerScope, was: characterTable.status });
  await announce(
    db,
    gone.filter((row) => row.was !== 'deleted').map((row) => ({ kind: 'removed' as const, ...row })),
  );
}

/** Soft-deleted: kept (a repeated DELETE still answers 200) but in no list; the next 404 prunes it. */
export async function markDeleted(db: Database, id: string): Promise<void> {
  const before = await observe(db, [id]);
  const after = await db
    .update(characterTable)
    .set({ status: 'deleted', indexedAt: sql`now()` })
    .where(eq(characterTable.id, id))
    .returning(OBSERVED_COLUMNS);
  await announce(db, changesOf(before, after));
}

/** The rows an access reaches, as a WHERE condition (undefined: all of them). */
export function reach(access: Access): SQL | undefined {
  switch (access.kind) {
    case 'all':
      return undefined;
    case 'owner':
      return eq(characterTable.ownerScope, access.scope);
    case 'bound':
      return eq(characterTable.id, access.characterId);
    case 'reviewer':
      return or(
        eq(characterTable.ownerScope, access.scope),
        inArray(characterTable.status, [...QUEUE_STATUSES]),
        sql`exists (select 1 from ${auditLog} where ${auditLog.characterId} = ${characterTable.id} and ${auditLog.actorPersonId} = ${access.personId})`,
      );
  }
}

/** May this access act on character `id`, by the index? */
export async function reaches(db: Database, access: Access, id: string): Promise<boolean> {
  if (access.kind === 'all') return true;
  if (access.kind === 'bound') return access.characterId === id;
  const rows = await db
    .select({ id: characterTable.id })
    .from(characterTable)
    .where(and(eq(characterTable.id, id), reach(access)))
    .limit(1);
  return rows.length > 0;
}

/** Judged from the API's own answer, for a character the index does not have (yet). */
export function answerReaches(access: Access, answer: Character): boolean {
  switch (access.kind) {
    case 'all':
      return true;
    case 'bound':
      return answer.id === access.characterId;
    case 'owner':
      return answer.client_reference_id === access.scope;
    case 'reviewer':
      return answer.client_reference_id === access.scope || (QUEUE_STATUSES as readonly string[]).includes(answer.status);
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The `status` sort's order: what needs someone first. */
export const STATUS_SORT_ORDER = ['reviewing', 'failed', 'synthesizing', 'ready'] as const;

const statusRank = sql<number>`(case ${characterTable.status} ${sql.join(
  STATUS_SORT_ORDER.map((status, rank) => sql`when ${status} then ${sql.raw(String(rank))}`),
  sql` `,
)} else ${sql.raw(String(STATUS_SORT_ORDER.length))} end)`;
/** Names in the order people read them: any case together, then by the database's collation. */
const nameKey = sql<string>`lower(${characterTable.name})`;

/**
 * A sort as its ORDER BY and its keyset: the condition for "after the cursor's row". Every order
 * ends with the id, so rows with equal keys still page without repeats or gaps.
 */
async function sortPlan(db: Database, sort: CharacterIndexQuery['sort'], cursor: string | undefined) {
  if (sort === 'name') {
    const order = [asc(nameKey), asc(characterTable.id)];
    if (!cursor) return { order, after: undefined };
    const [at] = await db.select({ key: nameKey }).from(characterTable).where(eq(characterTable.id, cursor)).limit(1);
    return { order, after: at ? sql`(${nameKey}, ${characterTable.id}) > (${at.key}, ${cursor})` : sql`${characterTable.id} > ${cursor}` };
  }
  if (sort === 'status') {
    const order = [asc(statusRank), desc(characterTable.updatedAt), desc(characterTable.id)];
    if (!cursor) return { order, after: undefined };
    const [at] = await db
      .select({ rank: statusRank, updatedAt: characterTable.updatedAt })
      .from(characterTable)
      .where(eq(characterTable.id, cursor))
      .limit(1);
    if (!at) return { order, after: sql`${characterTable.id} < ${cursor}` };
    const rank = Number(at.rank);
    return {
      order,
      after: sql`(${statusRank} > ${rank} or (${statusRank} = ${rank} and (${characterTable.updatedAt}, ${characterTable.id}) < (${at.updatedAt.toISOString()}::timestamptz, ${cursor})))`,
    };
  }
  const sortColumn = sort === 'created' ? characterTable.createdAt : characterTable.updatedAt;
  const order = [desc(sortColumn), desc(characterTable.id)];
  if (!cursor) return { order, after: undefined };
  const [at] = await db.select({ sortAt: sortColumn }).from(characterTable).where(eq(characterTable.id, cursor)).limit(1);
  // A cursor whose row has gone since: ids are in creation order, so continue by id.
  return {
    order,
    after: at
      ? sql`(${sortColumn}, ${characterTable.id}) < (${at.sortAt.toISOString()}::timestamptz, ${cursor})`
      : sql`${characterTable.id} < ${cursor}`,
  };
}

/**
 * One page of the characters an access reaches, in the order `sort` names, searched by name and
 * filtered by status — all in SQL, so a library of thousands reads one page at a time.
 */
export async function listIndexed(db: Database, access: Access, query: CharacterIndexQuery): Promise<CharacterList> {
  const conditions: (SQL | undefined)[] = [reach(access), ne(characterTable.status, 'deleted')];
  if (query.status) conditions.push(eq(characterTable.status, query.status));
  if (query.q) conditions.push(ilike(characterTable.name, `%${escapeLike(query.q)}%`));
  const plan = await sortPlan(db, query.sort, query.cursor);
  conditions.push(plan.after);
  const rows = await db
    .select({ id: characterTable.id, character: characterTable.character })
    .from(characterTable)
    .where(and(...conditions))
    .orderBy(...plan.order)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const hasMore = rows.length > page.length;
  return {
    object: 'list',
    data: page.map((row) => row.character as unknown as Character),
    has_more: hasMore,
    next_cursor: hasMore ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The sandbox was reset: every character (and what was learned about uploads) is forgotten; the sync starts over. */
export async function resetIndex(db: Database): Promise<void> {
  await db.delete(characterTable);
  await db.delete(storedImage);
  await db.delete(poseVersion);
  await db.delete(uploadClassification);
  await db.update(syncState).set({ cursor: null, headNext: false, passStartedAt: null, backoffUntil: null, failures: 0 });
  await announce(db, [{ kind: 'reset' }]);
}

/** One character from the index as this access may see it (not deleted), or null. */
export async function indexedCharacter(db: Database, access: Access, id: string): Promise<Character | null> {
  const [row] = await db
    .select({ character: characterTable.character })
    .from(characterTable)
    .where(and(eq(characterTable.id, id), ne(characterTable.status, 'deleted'), reach(access)))
    .limit(1);
  return row ? (row.character as unknown as Character) : null;
}
