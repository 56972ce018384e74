/**
 * The console's own team routes (/api/team/*), shared by the console server and the browser.
 * Types only: nothing here reaches the first screen's bundle. Errors are the API's envelope.
 */

/** A person's role on the team, strongest first (server/db/schema.ts keeps the same list). */
export type TeamRole = 'owner' | 'admin' | 'creator' | 'reviewer';

export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'admin', 'creator', 'reviewer'];

/** Owners and admins manage the team (members, roles, invitations, the activity page). */
export const managesTeam = (role: TeamRole): boolean => role === 'owner' || role === 'admin';

/** `GET /api/team/me`. */
export interface TeamPerson {
  id: string;
  email: string;
  name: string;
  role: TeamRole;
}
export interface MeResponse {
  person: TeamPerson;
}

/** `GET /api/team/sign-in-options`: what the sign-in page offers (asked before anyone signs in). */
export interface SignInOptionsResponse {
  /** With the embedded sandbox: the seeded people (their password is `sandbox-password`); else null. */
  sandboxPeople: { email: string; role: TeamRole }[] | null;
  /** Single sign-on by OpenID Connect, when configured: the button says "Sign in with <label>". */
  sso: { label: string } | null;
}

/** `GET /api/team/members` (owners and admins). */
export interface TeamMember extends TeamPerson {
  /** ISO time the person joined the team. */
  joinedAt: string;
}
export interface MembersResponse {
  members: TeamMember[];
}

/** `PATCH /api/team/members/:id`. */
export interface ChangeRoleBody {
  role: TeamRole;
}
export interface MemberResponse {
  member: TeamMember;
}

/** A pending invitation by link (its token is shown once, when it is made). */
export interface PendingInvitation {
  id: string;
  role: TeamRole;
  /** When set, the link only works for this address. */
  email: string | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}
/** `GET /api/team/invitations` (owners and admins). */
export interface InvitationsResponse {
  invitations: PendingInvitation[];
}

/** `POST /api/team/invitations`. */
export interface CreateInvitationBody {
  role: TeamRole;
  email?: string;
}
/** 201: the link (`<console>/join?token=…`, valid 7 days) is shown once; only its hash is stored. */
export interface CreatedInvitationResponse {
  invitation: PendingInvitation;
  link: string;
}

/** `GET /api/team/join?token=…`: what the join page shows before the person sets a password. */
export interface JoinPreviewResponse {
  role: TeamRole;
  email: string | null;
  expiresAt: string;
}

/** `POST /api/team/join` (JSON): joins and signs in; answers like a sign-in (`{ user }`). */
export interface JoinBody {
  token: string;
  email: string;
  password: string;
  name?: string;
}
