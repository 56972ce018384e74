/**
 * Owner scopes: who a character belongs to, written into its `client_reference_id` when the
 * console creates it (≤ 256 chars; a client never sets its own) and kept in the index.
 *
 * - `person:<user id>`: a signed-in person of the team.
 * - `embed:<32 chars>`: a partner's end user, an HMAC of the session's origin and subject under
 *   the embed key, so refreshed tokens (same origin, same subject) keep seeing their characters,
 *   nobody can forge one without the key, and the subject itself never reaches the API.
 *
 * Who sees what (`Access`), enforced on every /api/v1/*, /api/characters and /api/uploads/* call:
 * - owners and admins (and, while sign-in is not required, an anonymous visitor): everything;
 * - creators and embed subjects: only their own scope;
 * - reviewers: the review queue — every character in `synthesizing`, `reviewing` or `failed`
 *   (the queue's three tabs), whoever owns it, including characters made outside the console —
 *   plus their own scope and any character they have acted on through the console (so the one
 *   they just approved stays readable after it leaves the queue);
 * - an embed session bound to a character (`character_id`): that character only.
 */
import { createHmac } from 'node:crypto';
import type { CharacterStatus } from '../../contract/constants';
import type { Role } from '../db/schema';

export const PERSON_SCOPE_PREFIX = 'person:';
export const EMBED_SCOPE_PREFIX = 'embed:';
/** The API's limit on `client_reference_id`. */
export const SCOPE_MAX_LENGTH = 256;

/** The statuses of the review queue's tabs: what a reviewer sees whoever made it. */
export const QUEUE_STATUSES = ['synthesizing', 'reviewing', 'failed'] as const satisfies readonly CharacterStatus[];

export const personScope = (personId: string): string => `${PERSON_SCOPE_PREFIX}${personId}`;

/** An embed subject's scope (unchanged from the create-mode stamp of before, so old characters stay theirs). */
export function embedScope(key: Buffer, origin: string, subject: string | null): string {
  const mac = createHmac('sha256', key)
    .update(`owner\n${origin}\n${subject ?? ''}`)
    .digest('base64url');
  return `${EMBED_SCOPE_PREFIX}${mac.slice(0, 32)}`;
}

/** A `client_reference_id` read back from the API: one of ours, or null (someone else's label). */
export function parseScope(reference: unknown): { scope: string; personId: string | null } | null {
  if (typeof reference !== 'string' || reference.length > SCOPE_MAX_LENGTH) return null;
  if (reference.startsWith(PERSON_SCOPE_PREFIX) && reference.length > PERSON_SCOPE_PREFIX.length) {
    return { scope: reference, personId: reference.slice(PERSON_SCOPE_PREFIX.length) };
  }
  if (/^embed:[A-Za-z0-9_-]{32}$/.test(reference)) return { scope: reference, personId: null };
  return null;
}

export type Access =
  | { kind: 'all' }
  | { kind: 'owner'; scope: string }
  | { kind: 'reviewer'; scope: string; personId: string }
  | { kind: 'bound'; characterId: string };

/** Who is acting, for the stamp on what they create and for the audit log. */
export interface Actor {
  /** Stamped on what they create; null for an anonymous visitor while sign-in is not required. */
  scope: string | null;
  personId: string | null;
  /** The embed session's subject. */
  subject: string | null;
  /** Readable: the person's email, or `<subject> @ <origin>` for an embed subject. */
  label: string | null;
}

export interface Viewer {
  access: Access;
  actor: Actor;
}

export function personViewer(person: { id: string; email: string; role: Role }): Viewer {
  const scope = personScope(person.id);
  const actor: Actor = { scope, personId: person.id, subject: null, label: person.email };
  if (person.role === 'owner' || person.role === 'admin') return { access: { kind: 'all' }, actor };
  if (person.role === 'reviewer') return { access: { kind: 'reviewer', scope, personId: person.id }, actor };
  return { access: { kind: 'owner', scope }, actor };
}

export function embedViewer(key: Buffer, claims: { origin: string; sub: string | null; characterId: string | null }): Viewer {
  const scope = embedScope(key, claims.origin, claims.sub);
  const actor: Actor = { scope, personId: null, subject: claims.sub, label: `${claims.sub ?? '(no subject)'} @ ${claims.origin}` };
  if (claims.characterId) return { access: { kind: 'bound', characterId: claims.characterId }, actor };
  return { access: { kind: 'owner', scope }, actor };
}
