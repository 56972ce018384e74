/**
 * Managing the team over /api/team/*: who may (owners and admins, checked on the server), what an
 * admin may not do to owners, the last owner, invitations by link from making to joining to
 * revoking, a removed member stopped on their next request, the audit rows, what the sign-in page
 * is offered, the sign-in rate limit, and the gate that lets nothing through with neither a person
 * nor an embed session.
 */
import { eq } from 'drizzle-orm';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import type { EmbedSessionResponse } from '../../contract/embed';
import type {
  CreatedInvitationResponse,
  InvitationsResponse,
  JoinPreviewResponse,
  MemberResponse,
  MembersResponse,
  SignInOptionsResponse,
  TeamMember,
} from '../../contract/team';
import { createConsoleApp } from '../../server/app';
import { auditLog } from '../../server/db/schema';
import { embedConfigFromEnv } from '../../server/embed-config';
import { addPerson, SANDBOX_PASSWORD } from '../../server/people/people';
import { upstreamFromEnv } from '../../server/upstream';
import { serveApp, type Served } from './http-helpers';
import { cookieFrom, realApiUpstream, serveWithTeam, signIn, startTeamConsole, type TeamConsole } from './team-helpers';

// Booting PGlite (WebAssembly) takes seconds on a loaded machine; nothing here is timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const PASSWORD = 'long-enough-password';
let team: TeamConsole;
const cookies = { owner: '', admin: '', creator: '', reviewer: '' };

async function cookieOf(email: string, password = SANDBOX_PASSWORD): Promise<string> {
  const response = await signIn(team.origin, email, password);
  expect(response.status, await response.clone().text()).toBe(200);
  return cookieFrom(response);
}

beforeAll(async () => {
  team = await startTeamConsole();
  const { db } = team.started.team;
  await addPerson(db, { email: 'admin@example.com', role: 'admin', password: PASSWORD, name: 'An Admin' });
  cookies.owner = await cookieOf('owner@sandbox.test');
  cookies.admin = await cookieOf('admin@example.com', PASSWORD);
  cookies.creator = await cookieOf('creator-1@sandbox.test');
  cookies.reviewer = await cookieOf('reviewer@sandbox.test');
}, 60_000);
afterAll(() => team.stop());

function call(method: string, path: string, cookie: string | undefined, body?: unknown) {
  const headers: Record<string, string> = { Origin: team.origin };
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${team.origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function errorOf(response: Response) {
  return ((await response.json()) as ApiErrorBody).error;
}

async function members(cookie = cookies.owner): Promise<TeamMember[]> {
  const response = await call('GET', '/api/team/members', cookie);
  expect(response.status).toBe(200);
  return ((await response.json()) as MembersResponse).members;
}

async function idOf(email: string): Promise<string> {
  const found = (await members()).find((person) => person.email === email);
  if (!found) throw new Error(`${email} is not on the team`);
  return found.id;
}

const me = async (cookie: string) => call('GET', '/api/team/me', cookie);

describe('who may manage the team', () => {
  it('anonymous: 401; creators and reviewers: 403 with a clear message, on every route', async () => {
    const creatorId = await idOf('creator-2@sandbox.test');
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/team/members'],
      ['PATCH', `/api/team/members/${creatorId}`, { role: 'admin' }],
      ['DELETE', `/api/team/members/${creatorId}`],
      ['GET', '/api/team/invitations'],
      ['POST', '/api/team/invitations', { role: 'owner' }],
      ['DELETE', '/api/team/invitations/any-id'],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = await call(method, path, undefined, body);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(anonymous)).code).toBe('not_signed_in');
      for (const who of ['creator', 'reviewer'] as const) {
        const refused = await call(method, path, cookies[who], body);
        expect(refused.status, `${who} ${method} ${path}`).toBe(403);
        expect(await errorOf(refused)).toMatchObject({
          code: 'forbidden',
          message: `Only owners and admins can manage the team; you are a ${who}.`,
        });
      }
    }
    // Nothing changed: creator-2 is still a creator, and no invitation was made.
    expect((await members()).find((person) => person.id === creatorId)?.role).toBe('creator');
    expect(((await (await call('GET', '/api/team/invitations', cookies.owner)).json()) as InvitationsResponse).invitations).toEqual([]);
  });

  it('owners and admins list the members: email, name, role and when they joined', async () => {
    for (const who of ['owner', 'admin'] as const) {
      const list = await members(cookies[who]);
      expect(list.map((person) => person.email)).toEqual(
        expect.arrayContaining(['owner@sandbox.test', 'creator-1@sandbox.test', 'reviewer@sandbox.test', 'admin@example.com']),
      );
      expect(list.find((person) => person.email === 'admin@example.com')).toMatchObject({
        name: 'An Admin',
        role: 'admin',
        joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
  });

  it('an admin cannot make an owner, change or remove one, or invite one; an owner can', async () => {
    const ownerId = await idOf('owner@sandbox.test');
    const reviewerId = await idOf('reviewer@sandbox.test');
    const promote = await call('PATCH', `/api/team/members/${reviewerId}`, cookies.admin, { role: 'owner' });
    expect(promote.status).toBe(403);
    expect((await errorOf(promote)).message).toMatch(/Only an owner can/);
    expect((await call('PATCH', `/api/team/members/${ownerId}`, cookies.admin, { role: 'creator' })).status).toBe(403);
    expect((await call('DELETE', `/api/team/members/${ownerId}`, cookies.admin)).status).toBe(403);
    expect((await call('POST', '/api/team/invitations', cookies.admin, { role: 'owner' })).status).toBe(403);
    expect((await members()).find((person) => person.id === ownerId)?.role).toBe('owner');
  });

  it('refuses a role that does not exist, naming the choices', async () => {
    const reviewerId = await idOf('reviewer@sandbox.test');
    const response = await call('PATCH', `/api/team/members/${reviewerId}`, cookies.owner, { role: 'superuser' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_role',
      param: 'role',
      message: '"superuser" is not a role: use owner, admin, creator or reviewer.',
    });
    expect((await call('PATCH', '/api/team/members/no-such-id', cookies.owner, { role: 'creator' })).status).toBe(404);
  });
});

describe('changing roles and removing members', () => {
  it('a role change takes effect on the person’s next request and is audited with who did it', async () => {
    const { db } = team.started.team;
    const reviewerId = await idOf('reviewer@sandbox.test');
    const changed = await call('PATCH', `/api/team/members/${reviewerId}`, cookies.admin, { role: 'creator' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as MemberResponse).member).toMatchObject({ email: 'reviewer@sandbox.test', role: 'creator' });
    expect(await (await me(cookies.reviewer)).json()).toMatchObject({ person: { role: 'creator' } });

    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'role_change'));
    expect(rows.at(-1)).toMatchObject({
      actorLabel: 'admin@example.com',
      details: { email: 'reviewer@sandbox.test', from: 'reviewer', to: 'creator' },
    });
    await call('PATCH', `/api/team/members/${reviewerId}`, cookies.owner, { role: 'reviewer' });
  });

  it('the last owner can be neither demoted nor removed: 409 with the people service’s message', async () => {
    const ownerId = await idOf('owner@sandbox.test');
    const demote = await call('PATCH', `/api/team/members/${ownerId}`, cookies.owner, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(await errorOf(demote)).toMatchObject({
      code: 'last_owner',
      message: "owner@sandbox.test is the team's last owner and cannot become admin: make someone else an owner first.",
    });
    const remove = await call('DELETE', `/api/team/members/${ownerId}`, cookies.owner);
    expect(remove.status).toBe(409);
    expect((await errorOf(remove)).message).toMatch(/last owner and cannot be removed/);
    expect((await me(cookies.owner)).status).toBe(200);
  });

  it('a removed member is stopped on their very next request, on every copy', async () => {
    const { db } = team.started.team;
    await addPerson(db, { email: 'leaving@example.com', role: 'creator', password: PASSWORD });
    const cookie = await cookieOf('leaving@example.com', PASSWORD);
    const copy: Served = await serveWithTeam(team.started.team);
    try {
      expect((await fetch(`${copy.origin}/api/v1/balance`, { headers: { Cookie: cookie } })).status).toBe(200);
      const removed = await call('DELETE', `/api/team/members/${await idOf('leaving@example.com')}`, cookies.admin);
      expect(removed.status).toBe(200);
      for (const origin of [team.origin, copy.origin]) {
        const next = await fetch(`${origin}/api/v1/balance`, { headers: { Cookie: cookie } });
        expect(next.status).toBe(401);
        expect((await errorOf(next)).code).toBe('not_signed_in');
      }
      expect((await members()).map((person) => person.email)).not.toContain('leaving@example.com');
      const [row] = (await db.select().from(auditLog).where(eq(auditLog.action, 'person_remove'))).slice(-1);
      expect(row).toMatchObject({ actorLabel: 'admin@example.com', details: { email: 'leaving@example.com', role: 'creator' } });
    } finally {
      await copy.close();
    }
  });
});

describe('invitations by link', () => {
  it('the owner invites a reviewer; the link shows what it offers, joins once, signs the person in', async () => {
    const { db } = team.started.team;
    const made = await call('POST', '/api/team/invitations', cookies.owner, { role: 'reviewer' });
    expect(made.status).toBe(201);
    const { invitation, link } = (await made.json()) as CreatedInvitationResponse;
    expect(link).toMatch(new RegExp(`^${team.origin}/join\\?token=[\\w-]{40,}$`));
    expect(invitation).toMatchObject({ role: 'reviewer', email: null, invitedBy: 'owner@sandbox.test' });
    const validFor = Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt);
    expect(Math.round(validFor / 3_600_000)).toBe(7 * 24);

    const pending = (await (await call('GET', '/api/team/invitations', cookies.admin)).json()) as InvitationsResponse;
    expect(pending.invitations.map((item) => item.id)).toContain(invitation.id);
    const [audited] = (await db.select().from(auditLog).where(eq(auditLog.action, 'invite'))).slice(-1);
    expect(audited).toMatchObject({ actorLabel: 'owner@sandbox.test', details: { invitationId: invitation.id, role: 'reviewer' } });

    const token = new URL(link).searchParams.get('token') ?? '';
    const preview = await fetch(`${team.origin}/api/team/join?token=${token}`);
    expect(preview.status).toBe(200);
    expect((await preview.json()) as JoinPreviewResponse).toEqual({ role: 'reviewer', email: null, expiresAt: invitation.expiresAt });

    const join = (email: string) =>
      call('POST', '/api/team/join', undefined, { token, email, password: 'reviewer-password', name: 'New Reviewer' });
    const joined = await join('new.reviewer@example.com');
    expect(joined.status).toBe(200);
    expect(await (await me(cookieFrom(joined))).json()).toEqual({
      person: expect.objectContaining({ email: 'new.reviewer@example.com', name: 'New Reviewer', role: 'reviewer' }),
    });
    // Used up: not pending any more, and a second use is refused.
    const after = (await (await call('GET', '/api/team/invitations', cookies.owner)).json()) as InvitationsResponse;
    expect(after.invitations.map((item) => item.id)).not.toContain(invitation.id);
    expect((await join('someone.else@example.com')).status).toBe(400);
    expect((await fetch(`${team.origin}/api/team/join?token=${token}`)).status).toBe(404);
  });

  it('an invitation for one address refuses another', async () => {
    const made = (await (
      await call('POST', '/api/team/invitations', cookies.admin, { role: 'creator', email: 'Named@Example.com' })
    ).json()) as CreatedInvitationResponse;
    expect(made.invitation.email).toBe('named@example.com');
    const token = new URL(made.link).searchParams.get('token') ?? '';
    const wrong = await call('POST', '/api/team/join', undefined, { token, email: 'other@example.com', password: PASSWORD });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).message).toBe('This invitation is for named@example.com.');
    expect((await call('POST', '/api/team/join', undefined, { token, email: 'named@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('a revoked invitation stops working at once, and the revocation is audited', async () => {
    const { db } = team.started.team;
    const made = (await (
      await call('POST', '/api/team/invitations', cookies.owner, { role: 'admin' })
    ).json()) as CreatedInvitationResponse;
    const token = new URL(made.link).searchParams.get('token') ?? '';
    const revoked = await call('DELETE', `/api/team/invitations/${made.invitation.id}`, cookies.admin);
    expect(revoked.status).toBe(200);
    expect((await fetch(`${team.origin}/api/team/join?token=${token}`)).status).toBe(404);
    const join = await call('POST', '/api/team/join', undefined, { token, email: 'late@example.com', password: PASSWORD });
    expect(join.status).toBe(400);
    expect((await errorOf(join)).code).toBe('invalid_invitation');
    expect((await call('DELETE', `/api/team/invitations/${made.invitation.id}`, cookies.admin)).status).toBe(404);
    const [row] = (await db.select().from(auditLog).where(eq(auditLog.action, 'invite'))).slice(-1);
    expect(row).toMatchObject({ actorLabel: 'admin@example.com', details: { invitationId: made.invitation.id, revoked: true } });
  });

  it('refuses an invitation without a valid role or with a malformed email', async () => {
    const noRole = await call('POST', '/api/team/invitations', cookies.owner, {});
    expect(noRole.status).toBe(400);
    expect(await errorOf(noRole)).toMatchObject({ code: 'invalid_role', param: 'role' });
    const badEmail = await call('POST', '/api/team/invitations', cookies.owner, { role: 'creator', email: 'not an email' });
    expect(badEmail.status).toBe(400);
    expect(await errorOf(badEmail)).toMatchObject({ code: 'invalid_email', message: '"not an email" is not an email address.' });
  });
});

describe('what the sign-in page is offered', () => {
  it('with the sandbox: the seeded people; no SSO unless configured', async () => {
    const options = (await (await fetch(`${team.origin}/api/team/sign-in-options`)).json()) as SignInOptionsResponse;
    expect(options).toEqual({
      sandboxPeople: [
        { email: 'owner@sandbox.test', role: 'owner' },
        { email: 'creator-1@sandbox.test', role: 'creator' },
        { email: 'creator-2@sandbox.test', role: 'creator' },
        { email: 'reviewer@sandbox.test', role: 'reviewer' },
      ],
      sso: null,
    });
    const withSso = await serveWithTeam({ ...team.started.team, oidc: { providerId: 'oidc', label: 'Acme ID' } });
    try {
      const answer = (await (await fetch(`${withSso.origin}/api/team/sign-in-options`)).json()) as SignInOptionsResponse;
      expect(answer.sso).toEqual({ label: 'Acme ID' });
    } finally {
      await withSso.close();
    }
  });

  it('with a real API: nobody seeded, and anonymous /api/v1 calls are 401', async () => {
    const real = await startTeamConsole({ upstream: realApiUpstream() });
    try {
      const options = (await (await fetch(`${real.origin}/api/team/sign-in-options`)).json()) as SignInOptionsResponse;
      expect(options.sandboxPeople).toBeNull();
      const anonymous = await fetch(`${real.origin}/api/v1/characters`);
      expect(anonymous.status).toBe(401);
      expect((await errorOf(anonymous)).code).toBe('not_signed_in');
    } finally {
      await real.stop();
    }
  }, 60_000);
});

/** A POST from a chosen loopback address (Linux answers on all of 127/8). */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', Origin: target.origin, ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('the sign-in rate limit', () => {
  it('the 11th password attempt in a minute from one address is 429 with Retry-After; other addresses still sign in', async () => {
    const limited = await startTeamConsole({ signInAttemptsPerMinute: 10 });
    try {
      const url = `${limited.origin}/api/auth/sign-in/email`;
      const wrong = { email: 'owner@sandbox.test', password: 'guessing-wrong' };
      for (let attempt = 1; attempt <= 10; attempt++) {
        // A client naming its own address in the console's header does not get a fresh bucket.
        const answer = await postFrom('127.0.0.3', url, wrong, { 'x-aurous-console-client': `10.0.0.${attempt}` });
        expect(answer.status, `attempt ${attempt}`).toBe(401);
      }
      const refused = await postFrom('127.0.0.3', url, { email: 'owner@sandbox.test', password: SANDBOX_PASSWORD });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({
        error: { type: 'rate_limit', code: 'too_many_requests', message: expect.stringMatching(/^Too many sign-in attempts/) },
      });
      expect((await postFrom('127.0.0.4', url, { email: 'owner@sandbox.test', password: SANDBOX_PASSWORD })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  }, 60_000);
});

describe('the gate: a signed-in person or an embed session, nothing with neither', () => {
  it('an embed session passes without a person; no session and no person is 401', async () => {
    const partner = 'https://dash.partner.example';
    const secret = 'team-test-embed-secret-0123';
    const served = await serveApp(
      createConsoleApp({
        upstream: upstreamFromEnv({}),
        team: team.started.team,
        embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: secret, CONSOLE_EMBED_ORIGINS: partner }),
      }),
    );
    try {
      const minted = await fetch(`${served.origin}/api/embed/sessions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ origin: partner, mode: 'review', subject: 'user_1' }),
      });
      expect(minted.status).toBe(201);
      const { session_token: token } = (await minted.json()) as EmbedSessionResponse;
      const embedded = await fetch(`${served.origin}/api/v1/characters`, {
        headers: { Authorization: `Bearer ${token}`, 'X-Aurous-Embed-Origin': partner },
      });
      expect(embedded.status).toBe(200);
      const neither = await fetch(`${served.origin}/api/v1/characters`);
      expect(neither.status).toBe(401);
      expect((await errorOf(neither)).code).toBe('not_signed_in');
      expect((await fetch(`${served.origin}/api/uploads/anything`, { method: 'PUT', body: 'x' })).status).toBe(401);
    } finally {
      await served.close();
    }
  });
});
