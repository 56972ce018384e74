/**
 * Who did what to which character, written to `audit_log` when the API answered 2xx: the person
 * (or embed subject), the character, the credits it cost and the time. A request that carried an
 * Idempotency-Key writes at most one row however often it is replayed.
 */
import { createHash } from 'node:crypto';
import { COST } from '../../contract/constants';
import type { EndpointName } from '../../contract/endpoints';
import type { Database } from '../db/database';
import { auditLog, type AuditAction } from '../db/schema';
import type { Actor } from './scope';

/** The audit action and credits of a console call, or null for a call that is not audited (reads). */
export function auditedAction(name: EndpointName, body: Record<string, unknown> | null): { action: AuditAction; credits: number } | null {
  switch (name) {
    case 'createCharacter':
      return body?.generate === true ? { action: 'synthesize', credits: COST.synthesize } : { action: 'create', credits: 0 };
    case 'regenerateRef':
      return { action: 'regenerate', credits: COST.regenerate };
    case 'resynthesize':
      return { action: 'resynthesize', credits: COST.resynthesize };
    case 'saveCharacter':
      return { action: 'save', credits: 0 };
    case 'deleteCharacter':
      return { action: 'delete', credits: 0 };
    case 'updateCharacter':
      return { action: body && 'name' in body ? 'rename' : 'edit', credits: 0 };
    default:
      return null;
  }
}

/**
 * The key as the API sees it: the caller's key bound to its scope, so one scope's key can never
 * replay another scope's answer (and the audit row of a replay is the same row).
 */
export function scopedIdempotencyKey(actor: Actor, key: string): string {
  return createHash('sha256')
    .update(`${actor.scope ?? 'anonymous'}\n${key}`)
    .digest('base64url');
}

export interface AuditEntry {
  actor: Actor;
  action: AuditAction;
  characterId: string | null;
  credits: number;
  /** The scoped Idempotency-Key, when the request had one. */
  idempotencyKey: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db
    .insert(auditLog)
    .values({
      actorPersonId: entry.actor.personId,
      actorSubject: entry.actor.subject,
      actorLabel: entry.actor.label,
      action: entry.action,
      characterId: entry.characterId,
      credits: entry.credits,
      details: { ...(entry.actor.scope ? { scope: entry.actor.scope } : {}), ...entry.details },
      idempotencyKey: entry.idempotencyKey,
    })
    .onConflictDoNothing({ target: auditLog.idempotencyKey });
}
