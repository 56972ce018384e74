/**
 * The team's people: adding, listing, changing roles, removing, invitations by link and the
 * one-time setup link. Every path that changes a role or removes someone goes through
 * `keepAnOwner`, so the last owner can never be removed or demoted, whoever asks (the CLI, an
 * admin page, two requests at once on two copies).
 */
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { account, auditLog, invitation, isRole, ROLES, session, user, type Role } from '../db/schema';
import { MIN_PASSWORD_LENGTH } from '../auth/auth';

export class PeopleError extends Error {
  constructor(
    readonly code: 'invalid_email' | 'invalid_role' | 'weak_password' | 'email_taken' | 'not_found' | 'last_owner' | 'invalid_invitation',
    message: string,
  ) {
    super(message);
    this.name = 'PeopleError';
  }
}

export interface PersonRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

/** Who asked for a change, for the audit log. */
export interface Actor {
  personId?: string | null;
  label: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL.test(trimmed) || trimmed.length > 254) throw new PeopleError('invalid_email', `"${email}" is not an email address.`);
  return trimmed;
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new PeopleError('invalid_role', `"${role}" is not a role: use one of ${ROLES.join(', ')}.`);
  return role;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new PeopleError('weak_password', `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > 128) throw new PeopleError('weak_password', 'The password must be at most 128 characters.');
}

const personColumns = { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt };
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function audit(
  tx: Tx | Database,
  actor: Actor | undefined,
  action: 'person_add' | 'person_remove' | 'role_change',
  details: Record<string, unknown>,
) {
  await tx.insert(auditLog).values({ actorPersonId: actor?.personId ?? null, actorLabel: actor?.label ?? null, action, details });
}

export interface NewPerson {
  email: string;
  role: string;
  password: string;
  name?: string | undefined;
}

async function insertPerson(tx: Tx, person: NewPerson, actor: Actor | undefined): Promise<PersonRecord> {
  const email = normalizeEmail(person.email);
  const role = checkRole(person.role);
  checkPassword(person.password);
  const passwordHash = await hashPassword(person.password);
  const now = new Date();
  const id = randomUUID();
  const name = person.name?.trim() || email.split('@')[0] || email;
  const inserted = await tx
    .insert(user)
    .values({ id, email, name, role, emailVerified: true, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: user.email })
    .returning(personColumns);
  const created = inserted[0];
  if (!created) throw new PeopleError('email_taken', `${email} is already on the team.`);
  // The same credential account Better Auth's own email sign-up writes.
  await tx.insert(account).values({
    id: randomUUID(),
    userId: id,
    providerId: 'credential',
    accountId: id,
    password: passwordHash,
    createdAt: now,
    updatedAt: now,
  });
  await audit(tx, actor, 'person_add', { email, role });
  return created;
}

export function addPerson(db: Database, person: NewPerson, actor?: Actor): Promise<PersonRecord> {
  return db.transaction((tx) => insertPerson(tx, person, actor));
}

export function listPeople(db: Database): Promise<PersonRecord[]> {
  return db.select(personColumns).from(user).orderBy(asc(user.createdAt), asc(user.email));
}

export async function findPersonById(db: Database, id: string): Promise<PersonRecord | null> {
  const [found] = await db.select(personColumns).from(user).where(eq(user.id, id));
  return found ?? null;
}

export async function findPerson(db: Database | Tx, email: string): Promise<PersonRecord | null> {
  const [found] = await db
    .select(personColumns)
    .from(user)
    .where(eq(user.email, normalizeEmail(email)));
  return found ?? null;
}

export async function hasOwner(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: user.id }).from(user).where(eq(user.role, 'owner')).limit(1);
  return Boolean(row);
}

/**
 * The one rule: after this change the team still has an owner. Locks the owners' rows, so two
 * concurrent changes (on any copies) are decided one after the other.
 */
async function keepAnOwner(tx: Tx, target: PersonRecord, nextRole: Role | null): Promise<void> {
  if (target.role !== 'owner' || nextRole === 'owner') return;
  const owners = await tx.select({ id: user.id }).from(user).where(eq(user.role, 'owner')).for('update');
  if (!owners.some((owner) => owner.id !== target.id)) {
    throw new PeopleError(
      'last_owner',
      nextRole === null
        ? `${target.email} is the team's last owner and cannot be removed: make someone else an owner first.`
        : `${target.email} is the team's last owner and cannot become ${nextRole}: make someone else an owner first.`,
    );
  }
}

async function requirePersonRecord(tx: Tx, email: string): Promise<PersonRecord> {
  const found = await findPerson(tx, email);
  if (!found) throw new PeopleError('not_found', `Nobody with the email ${normalizeEmail(email)} is on the team.`);
  return found;
}

export function setRole(db: Database, email: string, role: string, actor?: Actor): Promise<PersonRecord> {
  const next = checkRole(role);
  return db.transaction(async (tx) => {
    const target = await requirePersonRecord(tx, email);
    await keepAnOwner(tx, target, next);
    const [updated] = await tx
      .update(user)
      .set({ role: next, updatedAt: new Date() })
      .where(eq(user.id, target.id))
      .returning(personColumns);
    if (!updated) throw new PeopleError('not_found', `${target.email} was removed meanwhile.`);
    if (target.role !== next) await audit(tx, actor, 'role_change', { email: target.email, from: target.role, to: next });
    return updated;
  });
}

/** Removes the person; their sessions go with them (ON DELETE CASCADE), so their next request is 401. */
export function removePerson(db: Database, email: string, actor?: Actor): Promise<PersonRecord> {
  return db.transaction(async (tx) => {
    const target = await requirePersonRecord(tx, email);
    await keepAnOwner(tx, target, null);
    await tx.delete(user).where(eq(user.id, target.id));
    await audit(tx, actor, 'person_remove', { email: target.email, role: target.role });
    return target;
  });
}

/** Signs the person out everywhere. */
export async function revokeSessions(db: Database, personId: string): Promise<number> {
  const deleted = await db.delete(session).where(eq(session.userId, personId)).returning({ id: session.id });
  return deleted.length;
}

// ── Seeds, invitations, the setup link ────────────────────────────────────────────────────────

export const SANDBOX_PASSWORD = 'sandbox-password';
export const SANDBOX_OWNER_EMAIL = 'owner@sandbox.test';
export const SANDBOX_PEOPLE: readonly { email: string; role: Role; name: string }[] = [
  { email: SANDBOX_OWNER_EMAIL, role: 'owner', name: 'Sandbox Owner' },
  { email: 'creator-1@sandbox.test', role: 'creator', name: 'Creator One' },
  { email: 'creator-2@sandbox.test', role: 'creator', name: 'Creator Two' },
  { email: 'reviewer@sandbox.test', role: 'reviewer', name: 'Reviewer' },
];

/** With the embedded sandbox: the seeded people, added when missing (others are left alone). */
export async function ensureSandboxPeople(db: Database): Promise<number> {
  let added = 0;
  for (const person of SANDBOX_PEOPLE) {
    if (await findPerson(db, person.email)) continue;
    try {
      await addPerson(db, { ...person, password: SANDBOX_PASSWORD }, { label: 'sandbox seed' });
      added += 1;
    } catch (error) {
      // Another copy seeded the same person a moment earlier.
      if (!(error instanceof PeopleError && error.code === 'email_taken')) throw error;
    }
  }
  return added;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;
/** pg_advisory_xact_lock key serialising setup-link use ("aurousup"). */
const SETUP_LOCK_KEY = '7022645016991593840';

export interface NewInvitation {
  role: string;
  purpose?: 'invite' | 'setup';
  email?: string | undefined;
  invitedBy?: string | null;
  ttlMs?: number;
  /** Who made it, for the audit log (the setup link has none). */
  actor?: Actor;
}

/** Creates an invitation and returns its token (only its hash is stored). */
export async function createInvitation(
  db: Database,
  options: NewInvitation,
): Promise<{ token: string; expiresAt: Date; invitation: InvitationRecord }> {
  const role = checkRole(options.role);
  const email = options.email?.trim() ? normalizeEmail(options.email) : null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (options.ttlMs ?? INVITATION_TTL_MS));
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitation)
      .values({
        id: randomUUID(),
        tokenHash: hashToken(token),
        purpose: options.purpose ?? 'invite',
        role,
        email,
        invitedBy: options.invitedBy ?? null,
        expiresAt,
      })
      .returning(invitationColumns);
    if (!row) throw new Error('The invitation was not stored.');
    if (options.actor) {
      await tx.insert(auditLog).values({
        actorPersonId: options.actor.personId ?? null,
        actorLabel: options.actor.label,
        action: 'invite',
        details: { invitationId: row.id, role, email },
      });
    }
    return row;
  });
  return { token, expiresAt, invitation: created };
}

export interface InvitationRecord {
  id: string;
  role: Role;
  email: string | null;
  /** The inviter's email (null once they have left the team). */
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const invitationColumns = {
  id: invitation.id,
  role: invitation.role,
  email: invitation.email,
  invitedBy: sql<string | null>`(select ${user.email} from ${user} where ${user.id} = ${invitation.invitedBy})`,
  createdAt: invitation.createdAt,
  expiresAt: invitation.expiresAt,
};

const pending = () => and(eq(invitation.purpose, 'invite'), isNull(invitation.acceptedAt), gt(invitation.expiresAt, new Date()));

/** Invitations by link that can still be used, newest first (the setup link is not listed). */
export function listInvitations(db: Database): Promise<InvitationRecord[]> {
  return db.select(invitationColumns).from(invitation).where(pending()).orderBy(desc(invitation.createdAt));
}

/** What an invitation's link offers, before anyone uses it; null when it cannot be used. */
export async function previewInvitation(db: Database, token: string): Promise<InvitationRecord | null> {
  const [found] = await db
    .select(invitationColumns)
    .from(invitation)
    .where(and(eq(invitation.tokenHash, hashToken(token)), isNull(invitation.acceptedAt), gt(invitation.expiresAt, new Date())));
  return found ?? null;
}

/** Revokes a pending invitation: its link stops working at once. */
export function revokeInvitation(db: Database, id: string, actor?: Actor): Promise<InvitationRecord> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select(invitationColumns)
      .from(invitation)
      .where(and(eq(invitation.id, id), pending()));
    if (!found) throw new PeopleError('not_found', 'No pending invitation has this id: it was used, revoked or has expired.');
    await tx.delete(invitation).where(eq(invitation.id, id));
    // The schema's actions have no separate "revoke": it is recorded as an invitation event.
    await tx.insert(auditLog).values({
      actorPersonId: actor?.personId ?? null,
      actorLabel: actor?.label ?? null,
      action: 'invite',
      details: { invitationId: id, revoked: true, role: found.role, email: found.email },
    });
    return found;
  });
}

/**
 * Joins the team with an invitation's token: creates the person with the invitation's role and
 * uses the invitation up. A setup link only works while the team has no owner.
 */
export function acceptInvitation(db: Database, token: string, person: Omit<NewPerson, 'role'>): Promise<PersonRecord> {
  const invalid = new PeopleError('invalid_invitation', 'This link is not valid: it was already used, has expired, or was never issued.');
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(invitation)
      .where(and(eq(invitation.tokenHash, hashToken(token)), isNull(invitation.acceptedAt), gt(invitation.expiresAt, new Date())))
      .for('update');
    if (!found) throw invalid;
    if (found.email && found.email !== normalizeEmail(person.email)) {
      throw new PeopleError('invalid_invitation', `This invitation is for ${found.email}.`);
    }
    if (found.purpose === 'setup') {
      // Two setup links used at once (on any copies) are decided one after the other.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      const [owner] = await tx.select({ id: user.id }).from(user).where(eq(user.role, 'owner')).limit(1);
      if (owner) throw new PeopleError('invalid_invitation', 'The team already has an owner: sign in instead.');
    }
    const created = await insertPerson(
      tx,
      { ...person, role: found.role },
      { label: found.purpose === 'setup' ? 'setup link' : 'invitation' },
    );
    await tx.update(invitation).set({ acceptedAt: new Date(), acceptedBy: created.id }).where(eq(invitation.id, found.id));
    return created;
  });
}

/** With a real API and no owner yet: a fresh one-time setup link (printed at start). */
export async function setupLinkIfNeeded(db: Database, publicOrigin: string): Promise<string | null> {
  if (await hasOwner(db)) return null;
  const { token } = await createInvitation(db, { role: 'owner', purpose: 'setup', ttlMs: SETUP_TTL_MS });
  return `${publicOrigin.replace(/\/+$/, '')}/setup?token=${token}`;
}
