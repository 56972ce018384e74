/**
 * Managing the team from the console: members (list, change role, remove) and invitations by
 * link (make, list, revoke), under /api/team/*. Only owners and admins; every role is checked
 * here on the server from the session row (the page hiding a button is a courtesy, not the rule).
 * Admins manage admins, creators and reviewers; only an owner may touch an owner or make one.
 * The people service keeps the last owner and writes the audit rows.
 */
import { Hono, type Context } from 'hono';
import type {
  CreatedInvitationResponse,
  InvitationsResponse,
  MemberResponse,
  MembersResponse,
  PendingInvitation,
  TeamMember,
} from '../../contract/team';
import { consoleError } from '../console-error';
import { isRole, type Role } from '../db/schema';
import {
  createInvitation,
  findPersonById,
  listInvitations,
  listPeople,
  PeopleError,
  removePerson,
  revokeInvitation,
  setRole,
  type Actor,
  type InvitationRecord,
  type PersonRecord,
} from '../people/people';
import { requirePerson, type Person, type PersonEnv } from './person';
import type { TeamOptions } from './team-routes';

const member = ({ id, email, name, role, createdAt }: PersonRecord): TeamMember => ({
  id,
  email,
  name,
  role,
  joinedAt: createdAt.toISOString(),
});

const pendingInvitation = ({ id, role, email, invitedBy, createdAt, expiresAt }: InvitationRecord): PendingInvitation => ({
  id,
  role,
  email,
  invitedBy,
  createdAt: createdAt.toISOString(),
  expiresAt: expiresAt.toISOString(),
});

const actorOf = (person: Person): Actor => ({ personId: person.id, label: person.email });

const forbidden = (c: Context, message: string) => consoleError(c, 403, 'authentication', 'forbidden', message);

function peopleFailure(c: Context, error: unknown) {
  if (!(error instanceof PeopleError)) throw error;
  if (error.code === 'not_found') return consoleError(c, 404, 'not_found', 'resource_not_found', error.message);
  if (error.code === 'last_owner') return consoleError(c, 409, 'invalid_request', 'last_owner', error.message);
  const param = error.code === 'invalid_role' ? 'role' : error.code === 'invalid_email' ? 'email' : null;
  return consoleError(c, 400, 'invalid_request', error.code, error.message, param);
}

/** The JSON body as an object, or null (the caller answers 400). */
async function jsonObject(c: Context): Promise<Record<string, unknown> | null> {
  const body: unknown = await c.req.json().catch(() => null);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

const notJson = (c: Context) => consoleError(c, 400, 'invalid_request', 'invalid_format', 'The body must be a JSON object.');

function roleParam(c: Context, value: unknown): Role | Response {
  if (isRole(value)) return value;
  return consoleError(
    c,
    400,
    'invalid_request',
    'invalid_role',
    value === undefined
      ? 'role is required: owner, admin, creator or reviewer.'
      : `${JSON.stringify(value)} is not a role: use owner, admin, creator or reviewer.`,
    'role',
  );
}

export function mountTeamAdminRoutes(app: Hono, { db, auth, publicOrigin }: TeamOptions): void {
  const team = new Hono<PersonEnv>();
  for (const path of ['/members', '/members/*', '/invitations', '/invitations/*']) {
    team.use(path, requirePerson(auth));
    team.use(path, async (c, next) => {
      const { role } = c.get('person');
      if (role !== 'owner' && role !== 'admin') {
        return forbidden(c, `Only owners and admins can manage the team; you are a ${role}.`);
      }
      c.header('Cache-Control', 'no-store');
      await next();
    });
  }

  team.get('/members', async (c) => {
    const answer: MembersResponse = { members: (await listPeople(db)).map(member) };
    return c.json(answer);
  });

  team.patch('/members/:id', async (c) => {
    const person = c.get('person');
    const body = await jsonObject(c);
    if (!body) return notJson(c);
    const role = roleParam(c, body.role);
    if (role instanceof Response) return role;
    const target = await findPersonById(db, c.req.param('id'));
    if (!target) return consoleError(c, 404, 'not_found', 'resource_not_found', 'Nobody with this id is on the team.');
    if (person.role !== 'owner' && (target.role === 'owner' || role === 'owner')) {
      return forbidden(c, 'Only an owner can change an owner’s role or make someone an owner.');
    }
    try {
      const answer: MemberResponse = { member: member(await setRole(db, target.email, role, actorOf(person))) };
      return c.json(answer);
    } catch (error) {
      return peopleFailure(c, error);
    }
  });

  team.delete('/members/:id', async (c) => {
    const person = c.get('person');
    const target = await findPersonById(db, c.req.param('id'));
    if (!target) return consoleError(c, 404, 'not_found', 'resource_not_found', 'Nobody with this id is on the team.');
    if (person.role !== 'owner' && target.role === 'owner') return forbidden(c, 'Only an owner can remove an owner.');
    try {
      const answer: MemberResponse = { member: member(await removePerson(db, target.email, actorOf(person))) };
      return c.json(answer);
    } catch (error) {
      return peopleFailure(c, error);
    }
  });

  team.get('/invitations', async (c) => {
    const answer: InvitationsResponse = { invitations: (await listInvitations(db)).map(pendingInvitation) };
    return c.json(answer);
  });

  team.post('/invitations', async (c) => {
    const person = c.get('person');
    const body = await jsonObject(c);
    if (!body) return notJson(c);
    const role = roleParam(c, body.role);
    if (role instanceof Response) return role;
    if (body.email !== undefined && body.email !== null && typeof body.email !== 'string') {
      return consoleError(c, 400, 'invalid_request', 'invalid_email', 'email must be a string (or left out).', 'email');
    }
    if (role === 'owner' && person.role !== 'owner') return forbidden(c, 'Only an owner can invite another owner.');
    try {
      const made = await createInvitation(db, {
        role,
        email: body.email ?? undefined,
        invitedBy: person.id,
        actor: actorOf(person),
      });
      const link = `${(publicOrigin ?? new URL(c.req.url).origin).replace(/\/+$/, '')}/join?token=${made.token}`;
      const answer: CreatedInvitationResponse = { invitation: pendingInvitation(made.invitation), link };
      return c.json(answer, 201);
    } catch (error) {
      return peopleFailure(c, error);
    }
  });

  team.delete('/invitations/:id', async (c) => {
    try {
      const revoked = await revokeInvitation(db, c.req.param('id'), actorOf(c.get('person')));
      return c.json({ invitation: pendingInvitation(revoked) });
    } catch (error) {
      return peopleFailure(c, error);
    }
  });

  app.route('/api/team', team);
}
