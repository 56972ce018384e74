/**
 * Review claims (the `review_claim` table): a reviewer who opens a character in the queue holds
 * it for `CLAIM_TTL_MS`, renewed by the page's heartbeat; others' queues skip it. Everything is
 * judged by the database's clock in one statement, so two copies of the console (or two people
 * pressing at once) can never both hold a character. Each change is announced on the live channel
 * so other reviewers' queues update without polling.
 */
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { ReviewClaim } from '../../contract/review';
import type { Database } from '../db/database';
import { queryRows } from '../db/database';
import { character as characterTable, reviewClaim, user } from '../db/schema';
import { announce } from '../live/notify';
import { reach } from '../scope/character-index';
import type { Access } from '../scope/scope';

interface ClaimRow extends Record<string, unknown> {
  character_id: string;
  holder_person_id: string;
  holder_name: string | null;
  claimed_at: Date | string;
  expires_at: Date | string;
  expires_in_ms: number | string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function claimOf(row: ClaimRow): ReviewClaim {
  return {
    character_id: row.character_id,
    holder: { id: row.holder_person_id, name: row.holder_name ?? 'Someone' },
    claimed_at: iso(row.claimed_at),
    expires_at: iso(row.expires_at),
    expires_in_ms: Math.max(0, Math.round(Number(row.expires_in_ms))),
  };
}

const claimColumns = sql`c.character_id, c.holder_person_id, u.name as holder_name, c.claimed_at, c.expires_at,
  extract(epoch from (c.expires_at - now())) * 1000 as expires_in_ms`;

/** The live claim on a character (null when nobody holds it, or the holder's lease has run out). */
export async function currentClaim(db: Database, characterId: string): Promise<ReviewClaim | null> {
  const [row] = await queryRows<ClaimRow>(
    db,
    sql`select ${claimColumns} from review_claim c left join "user" u on u.id = c.holder_person_id
         where c.character_id = ${characterId} and c.expires_at > now()`,
  );
  return row ? claimOf(row) : null;
}

export type ClaimResult = { ok: true; claim: ReviewClaim } | { ok: false; claim: ReviewClaim };

/**
 * Takes (or renews) the claim for `personId`: granted when nobody holds it, the person already
 * does, or the holder's lease has run out (a takeover). A person holds one character at a time:
 * their other claims are released with it (the queue has moved on).
 */
export async function takeClaim(db: Database, characterId: string, personId: string, ttlMs: number): Promise<ClaimResult> {
  const [taken] = await queryRows<{ character_id: string }>(
    db,
    sql`insert into review_claim (character_id, holder_person_id, expires_at)
        values (${characterId}, ${personId}, now() + make_interval(secs => ${ttlMs / 1000}))
        on conflict (character_id) do update
          set holder_person_id = excluded.holder_person_id,
              claimed_at = case when review_claim.holder_person_id = excluded.holder_person_id and review_claim.expires_at > now()
                                then review_claim.claimed_at else now() end,
              expires_at = excluded.expires_at
        where review_claim.holder_person_id = excluded.holder_person_id or review_claim.expires_at <= now()
        returning character_id`,
  );
  if (!taken) {
    const holder = await currentClaim(db, characterId);
    // Released between the two statements: try once more.
    if (!holder) return takeClaim(db, characterId, personId, ttlMs);
    return { ok: false, claim: holder };
  }
  const others = await db
    .delete(reviewClaim)
    .where(and(eq(reviewClaim.holderPersonId, personId), ne(reviewClaim.characterId, characterId)))
    .returning({ characterId: reviewClaim.characterId });
  const claim = await currentClaim(db, characterId);
  if (!claim) return takeClaim(db, characterId, personId, ttlMs);
  await announceClaims(db, [characterId, ...others.map((row) => row.characterId)]);
  return { ok: true, claim };
}

/**
 * Gives a claim up: the holder's own, or anyone's for `anyHolder` (an owner or admin releasing a
 * claim left behind). Answers whether a claim was released.
 */
export async function releaseClaim(db: Database, characterId: string, personId: string, anyHolder = false): Promise<boolean> {
  const released = await db
    .delete(reviewClaim)
    .where(
      anyHolder
        ? eq(reviewClaim.characterId, characterId)
        : and(eq(reviewClaim.characterId, characterId), eq(reviewClaim.holderPersonId, personId)),
    )
    .returning({ characterId: reviewClaim.characterId });
  if (released.length > 0) await announceClaims(db, [characterId]);
  return released.length > 0;
}

/** Live claims on the characters `access` reaches (the queue's "who is reviewing what"). */
export async function listClaims(db: Database, access: Access): Promise<ReviewClaim[]> {
  const rows = await db
    .select({
      character_id: reviewClaim.characterId,
      holder_person_id: reviewClaim.holderPersonId,
      holder_name: user.name,
      claimed_at: reviewClaim.claimedAt,
      expires_at: reviewClaim.expiresAt,
      expires_in_ms: sql<number>`extract(epoch from (${reviewClaim.expiresAt} - now())) * 1000`,
    })
    .from(reviewClaim)
    .innerJoin(characterTable, eq(characterTable.id, reviewClaim.characterId))
    .leftJoin(user, eq(user.id, reviewClaim.holderPersonId))
    .where(and(gt(reviewClaim.expiresAt, sql`now()`), reach(access)));
  return rows.map(claimOf);
}

/** Tells every copy's live hub that these characters' claims changed (it reads them back). */
export async function announceClaims(db: Database, characterIds: readonly string[]): Promise<void> {
  await announce(
    db,
    [...new Set(characterIds)].map((id) => ({ kind: 'claim' as const, id })),
  );
}
