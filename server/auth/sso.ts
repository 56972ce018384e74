/**
 * Who may come in by single sign-on. Better Auth links a provider account to a person already on
 * the team when the provider says the email is verified (and ours is); everyone else would be a
 * new user, and Better Auth asks the `user.create.before` hook below first. The console admits a
 * new person only with an invitation (its token travels through the sign-in as `invitation`) or,
 * when CONSOLE_OIDC_DEFAULT_ROLE is set, with that role. A removed member is told so, even then.
 *
 * A refusal is an APIError with a code: Better Auth's callback sends the browser to the error
 * page (`/sso-error?error=<code>`), which says in plain words what happened.
 */
import { APIError, getOAuthState } from 'better-auth/api';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { auditLog, invitation, type Role } from '../db/schema';
import { hashToken } from '../people/people';
import { OIDC_PROVIDER_ID, type OidcConfig } from './oidc-config';

/** Where a refused or failed SSO sign-in lands (see `ssoErrorPage`). */
export const SSO_ERROR_PATH = '/sso-error';

export const SSO_REFUSALS = {
  email_not_verified: 'Your sign-in provider did not confirm this email address, so the console cannot tell who you are.',
  removed_from_team: 'You were removed from this team. Ask an owner or admin to invite you again.',
  not_on_team: 'This email address is not on the team. Ask an owner or admin for an invitation.',
  invalid_invitation: 'This invitation is not valid: it was already used, has expired, or is for another email address.',
} as const;
export type SsoRefusalCode = keyof typeof SSO_REFUSALS;

const refuse = (code: SsoRefusalCode) => new APIError('FORBIDDEN', { code, message: SSO_REFUSALS[code] });

/** The invitation token the browser passed when it started the sign-in (`additionalData`). */
async function invitationTokenOfFlow(): Promise<string | null> {
  const state = (await getOAuthState()) as Record<string, unknown> | null;
  const token = state?.invitation;
  return typeof token === 'string' && token.length > 0 && token.length <= 200 ? token : null;
}

async function inOAuthFlow(): Promise<boolean> {
  return (await getOAuthState()) !== null;
}

async function wasRemoved(db: Database, email: string): Promise<boolean> {
  const [removal] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'person_remove'), sql`${auditLog.details}->>'email' = ${email}`))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return Boolean(removal);
}

/**
 * Uses the invitation up (atomically: two sign-ins with one link cannot both join) and returns
 * its role, or null when the token is not a live invitation for this email.
 */
async function claimInvitation(db: Database, token: string, email: string): Promise<Role | null> {
  const [claimed] = await db
    .update(invitation)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitation.tokenHash, hashToken(token)),
        eq(invitation.purpose, 'invite'),
        isNull(invitation.acceptedAt),
        gt(invitation.expiresAt, new Date()),
        or(isNull(invitation.email), eq(invitation.email, email)),
      ),
    )
    .returning({ role: invitation.role });
  return claimed?.role ?? null;
}

export interface SsoCandidate {
  email: string;
  emailVerified: boolean;
}

/** Decides a new person's admission and role; throws the refusal otherwise. */
export async function admitNewPerson(
  db: Database,
  config: Pick<OidcConfig, 'defaultRole'>,
  candidate: SsoCandidate,
  invitationToken: string | null,
): Promise<Role> {
  const email = candidate.email.trim().toLowerCase();
  if (!candidate.emailVerified) throw refuse('email_not_verified');
  if (invitationToken) {
    const role = await claimInvitation(db, invitationToken, email);
    if (!role) throw refuse('invalid_invitation');
    return role;
  }
  if (await wasRemoved(db, email)) throw refuse('removed_from_team');
  if (config.defaultRole) return config.defaultRole;
  throw refuse('not_on_team');
}

interface CreatedUser {
  id: string;
  email: string;
  role?: unknown;
}

/** Better Auth's `databaseHooks.user.create` for single sign-on (only users made by an OAuth callback). */
export function ssoUserHooks(db: Database, config: OidcConfig) {
  return {
    before: async (data: { email: string; emailVerified?: boolean }) => {
      if (!(await inOAuthFlow())) return;
      const role = await admitNewPerson(
        db,
        config,
        { email: data.email, emailVerified: data.emailVerified === true },
        await invitationTokenOfFlow(),
      );
      return { data: { ...data, role } };
    },
    after: async (created: CreatedUser) => {
      if (!(await inOAuthFlow())) return;
      const token = await invitationTokenOfFlow();
      if (token) {
        await db
          .update(invitation)
          .set({ acceptedBy: created.id })
          .where(and(eq(invitation.tokenHash, hashToken(token)), isNull(invitation.acceptedBy)));
      }
      await db.insert(auditLog).values({
        actorPersonId: created.id,
        actorLabel: token ? 'invitation' : 'single sign-on',
        action: 'person_add',
        details: { email: created.email, role: typeof created.role === 'string' ? created.role : null, via: OIDC_PROVIDER_ID },
      });
    },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** Better Auth's own callback error codes, in words. Unknown codes get a generic message (never the query's text). */
const FLOW_ERRORS: Record<string, string> = {
  ...SSO_REFUSALS,
  account_not_linked: SSO_REFUSALS.email_not_verified,
  email_not_found: 'Your sign-in provider did not share an email address, so the console cannot tell who you are.',
  access_denied: 'The sign-in was cancelled at the provider.',
  state_not_found: 'The sign-in took too long or was started in another browser. Try again.',
  state_mismatch: 'The sign-in took too long or was started in another browser. Try again.',
  please_restart_the_process: 'The sign-in took too long or was started in another browser. Try again.',
};

export function ssoErrorMessage(code: string): string {
  return FLOW_ERRORS[code] ?? 'Single sign-on did not complete. Try again, or sign in with your email and password.';
}

/** The page a failed SSO sign-in lands on: what happened, and the way back to /sign-in. */
export function ssoErrorPage(code: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in refused · Aurous console</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#141414}a{color:#9cc3ff}}</style>
</head>
<body><main><h1>Single sign-on did not sign you in</h1><p role="alert">${escapeHtml(ssoErrorMessage(code))}</p><p><a href="/sign-in">Back to sign-in</a></p></main></body>
</html>`;
}
