/**
 * What the classifier said about each upload, kept from the classify answer until a character is
 * made from the upload; then it goes into that character's index row (`classify`).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { POSES } from '../../contract/constants';
import type { Database } from '../db/database';
import { uploadClassification } from '../db/schema';
import type { Actor } from './scope';

/** A classify answer (`{ upload_id, pose, confidence }`) from the API. */
export async function keepClassification(db: Database, actor: Actor, answer: Record<string, unknown>): Promise<void> {
  const { upload_id: uploadId, pose, confidence } = answer;
  if (typeof uploadId !== 'string' || !(POSES as readonly unknown[]).includes(pose) || typeof confidence !== 'number') return;
  const row = { uploadId, ownerScope: actor.scope, pose: pose as string, confidence };
  await db
    .insert(uploadClassification)
    .values(row)
    .onConflictDoUpdate({ target: uploadClassification.uploadId, set: { pose: row.pose, confidence, ownerScope: actor.scope } });
}

/** The classifications of a create's uploads (those this scope made), taken out of the waiting table. */
export async function claimClassifications(db: Database, actor: Actor, uploadIds: readonly string[]): Promise<Record<string, unknown>[]> {
  if (uploadIds.length === 0) return [];
  const mine = and(
    inArray(uploadClassification.uploadId, [...uploadIds]),
    actor.scope ? eq(uploadClassification.ownerScope, actor.scope) : isNull(uploadClassification.ownerScope),
  );
  const rows = await db.delete(uploadClassification).where(mine).returning();
  const order = new Map(uploadIds.map((id, index) => [id, index]));
  return rows
    .sort((a, b) => (order.get(a.uploadId) ?? 0) - (order.get(b.uploadId) ?? 0))
    .map((row) => ({ upload_id: row.uploadId, pose: row.pose, confidence: row.confidence, classified_at: row.createdAt.toISOString() }));
}
