/**
 * The team's decision log (`review_decision`): one row per save, regenerate, resynthesize or
 * delete sent through the console, refusals included, with the version the person saw, the
 * version the API answered with and the credits it cost (the docs' prices: a regenerate is one
 * generation, a resynthesize four, save and delete are free; contract/constants.ts `COST`).
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DecisionEntry, ReviewAction } from '../../contract/review';
import type { Database } from '../db/database';
import { reviewDecision, user, type ReviewOutcome } from '../db/schema';
import type { Actor } from '../scope/scope';

export interface DecisionRecord {
  actor: Actor;
  characterId: string;
  characterName: string | null;
  action: ReviewAction;
  pose: string | null;
  seenVersion: string | null;
  resultVersion: string | null;
  outcome: ReviewOutcome;
  credits: number;
  message?: string | null;
  /** The scoped Idempotency-Key of an accepted request (a replay writes no second row). */
  idempotencyKey?: string | null;
}

export async function writeDecision(db: Database, record: DecisionRecord): Promise<void> {
  await db
    .insert(reviewDecision)
    .values({
      characterId: record.characterId,
      characterName: record.characterName,
      actorPersonId: record.actor.personId,
      actorLabel: record.actor.label,
      action: record.action,
      pose: record.pose,
      seenVersion: record.seenVersion,
      resultVersion: record.resultVersion,
      outcome: record.outcome,
      credits: record.credits,
      message: record.message ?? null,
      idempotencyKey: record.outcome === 'done' ? (record.idempotencyKey ?? null) : null,
    })
    .onConflictDoNothing({ target: reviewDecision.idempotencyKey });
}

/** An accepted decision with this scoped Idempotency-Key: a retry of it is the API's to replay. */
export async function acceptedWithKey(db: Database, key: string): Promise<boolean> {
  const rows = await db
    .select({ id: reviewDecision.id })
    .from(reviewDecision)
    .where(and(eq(reviewDecision.idempotencyKey, key), eq(reviewDecision.outcome, 'done')))
    .limit(1);
  return rows.length > 0;
}

const selectEntry = {
  entry: reviewDecision,
  name: user.name,
};

function entryOf({ entry, name }: { entry: typeof reviewDecision.$inferSelect; name: string | null }): DecisionEntry {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    character_id: entry.characterId,
    character_name: entry.characterName,
    actor: { id: entry.actorPersonId, name: name ?? entry.actorLabel ?? 'Someone' },
    action: entry.action,
    pose: entry.pose,
    seen_version: entry.seenVersion,
    result_version: entry.resultVersion,
    outcome: entry.outcome,
    credits: entry.credits,
    message: entry.message,
  };
}

/**
 * Who moved a character on from version `seen`: the latest accepted decision on it that was made
 * on that version or answered with a later one (versions are the API's `updated_at`, on the API's
 * clock, so they are compared with each other and never with the console's clock). Null when the
 * change came from outside the console (or a synthesis landing by itself).
 */
export async function moverSince(db: Database, characterId: string, seen: string): Promise<DecisionEntry | null> {
  const seenAt = Date.parse(seen);
  const rows = await db
    .select(selectEntry)
    .from(reviewDecision)
    .leftJoin(user, eq(user.id, reviewDecision.actorPersonId))
    .where(and(eq(reviewDecision.characterId, characterId), eq(reviewDecision.outcome, 'done')))
    .orderBy(desc(reviewDecision.id))
    .limit(20);
  const entry = rows.map(entryOf).find((each) => {
    if (each.seen_version && Date.parse(each.seen_version) === seenAt) return true;
    return each.result_version !== null && Date.parse(each.result_version) > seenAt;
  });
  return entry ?? null;
}

export interface DecisionFilter {
  from: Date;
  to: Date;
  /** Only this person's decisions (the queue's session log). */
  personId?: string | undefined;
}

const filterOf = ({ from, to, personId }: DecisionFilter): SQL | undefined =>
  and(gte(reviewDecision.at, from), lt(reviewDecision.at, to), personId ? eq(reviewDecision.actorPersonId, personId) : undefined);

/** Newest first, `limit` at a time; `before` is the last page's last id. */
export async function listDecisions(
  db: Database,
  filter: DecisionFilter,
  limit: number,
  before?: number,
): Promise<{ data: DecisionEntry[]; hasMore: boolean }> {
  const rows = await db
    .select(selectEntry)
    .from(reviewDecision)
    .leftJoin(user, eq(user.id, reviewDecision.actorPersonId))
    .where(and(filterOf(filter), before === undefined ? undefined : lt(reviewDecision.id, before)))
    .orderBy(desc(reviewDecision.id))
    .limit(limit + 1);
  return { data: rows.slice(0, limit).map(entryOf), hasMore: rows.length > limit };
}

/** Every decision in the range, oldest first (the exports and the QA figures). */
export async function allDecisions(db: Database, filter: DecisionFilter): Promise<DecisionEntry[]> {
  const rows = await db
    .select(selectEntry)
    .from(reviewDecision)
    .leftJoin(user, eq(user.id, reviewDecision.actorPersonId))
    .where(filterOf(filter))
    .orderBy(reviewDecision.id);
  return rows.map(entryOf);
}

/** Words for what a decision did, as in "Ana regenerated the front pose after you opened this". */
export function decisionWords(action: ReviewAction, pose: string | null): string {
  switch (action) {
    case 'save':
      return 'approved it';
    case 'regenerate':
      return `regenerated the ${pose ?? ''} pose`.replace('  ', ' ');
    case 'resynthesize':
      return 'resynthesized every pose';
    case 'delete':
      return 'deleted it';
  }
}
