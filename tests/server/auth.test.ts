/**
 * Signing in to the console server (Better Auth on its database): the cookie's flags, a wrong
 * password, the sign-in gate on /api/v1/* (always on with a team), revocation and removal taking
 * effect on the very next request, the sandbox's automatic sign-in and the setup link.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import { eq } from 'drizzle-orm';
import { session } from '../../server/db/schema';
import { addPerson, removePerson, revokeSessions, SANDBOX_PASSWORD, setRole, setupLinkIfNeeded } from '../../server/people/people';
import type { Served } from './http-helpers';
import { cookieFrom, realApiUpstream, serveWithTeam, signIn, startTeamConsole, type TeamConsole } from './team-helpers';

// Booting PGlite (WebAssembly) takes seconds on a loaded machine; nothing here is timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let open: TeamConsole;
let gated: Served;

beforeAll(async () => {
  open = await startTeamConsole();
  // A second copy of the console on the same team (database, auth).
  gated = await serveWithTeam(open.started.team);
}, 60_000);
afterAll(async () => {
  await gated.close();
  await open.stop();
});

const me = (origin: string, cookie?: string) => fetch(`${origin}/api/team/me`, { headers: cookie ? { Cookie: cookie } : {} });
const balance = (origin: string, cookie?: string) => fetch(`${origin}/api/v1/balance`, { headers: cookie ? { Cookie: cookie } : {} });

async function expectNotSignedIn(response: Response) {
  expect(response.status).toBe(401);
  const body = (await response.json()) as ApiErrorBody;
  expect(body.error).toMatchObject({ type: 'authentication', code: 'not_signed_in' });
  expect(body.error.message).toMatch(/sign in/i);
}

describe('signing in with email and password', () => {
  it('sets an HTTP-only, SameSite=Lax session cookie (not Secure over plain http) and answers without the token', async () => {
    const response = await signIn(open.origin, 'creator-1@sandbox.test', SANDBOX_PASSWORD);
    expect(response.status).toBe(200);
    const [cookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^better-auth\.session_token=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('token');
    expect(body.user).toMatchObject({ email: 'creator-1@sandbox.test', role: 'creator' });

    const who = await me(open.origin, cookieFrom(response));
    expect(await who.json()).toEqual({ person: expect.objectContaining({ email: 'creator-1@sandbox.test', role: 'creator' }) });
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await startTeamConsole({ publicUrl: 'https://console.example.com' });
    try {
      const response = await fetch(`${secure.origin}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: 'https://console.example.com',
          'X-Forwarded-Host': 'console.example.com',
          'X-Forwarded-Proto': 'https',
        },
        body: JSON.stringify({ email: 'reviewer@sandbox.test', password: SANDBOX_PASSWORD }),
      });
      expect(response.status).toBe(200);
      const [cookie] = response.headers.getSetCookie();
      expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
    } finally {
      await secure.stop();
    }
  }, 60_000);

  it('refuses a wrong password with 401 and a clear message, and sets no cookie', async () => {
    const response = await signIn(open.origin, 'owner@sandbox.test', 'not-the-password');
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.json()).toMatchObject({
      error: { type: 'authentication', code: 'wrong_credentials', message: expect.stringMatching(/^That email and password do not match/) },
    });
  });

  it('answers an unknown email exactly as a wrong password, so guessing does not tell who is on the team', async () => {
    const wrongPassword = await (await signIn(open.origin, 'owner@sandbox.test', 'not-the-password')).json();
    const response = await signIn(open.origin, 'Nobody@Example.com', 'whatever-password');
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    const unknown = (await response.json()) as typeof wrongPassword;
    expect({ ...unknown.error, request_id: null }).toEqual({ ...wrongPassword.error, request_id: null });
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await fetch(`${open.origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'owner@sandbox.test', password: SANDBOX_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('offers no sign-up: people are added by the team, not by themselves', async () => {
    const response = await fetch(`${open.origin}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: open.origin },
      body: JSON.stringify({ email: 'stranger@example.com', password: 'long-enough-password', name: 'Stranger' }),
    });
    expect(response.status).toBe(400);
    expect((await signIn(open.origin, 'stranger@example.com', 'long-enough-password')).status).toBe(401);
  });
});

describe('the sign-in gate on /api/v1/* and /api/uploads/*', () => {
  it('anonymous → 401 in the API envelope; signed in → passes', async () => {
    await expectNotSignedIn(await balance(gated.origin));
    const uploads = await fetch(`${gated.origin}/api/uploads/anything`, { method: 'PUT', body: 'x' });
    expect(uploads.status).toBe(401);

    const cookie = cookieFrom(await signIn(gated.origin, 'creator-2@sandbox.test', SANDBOX_PASSWORD));
    const signedIn = await balance(gated.origin, cookie);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ available_credits: 1000 });
  });

  it('a forged or stale cookie is anonymous', async () => {
    await expectNotSignedIn(await balance(gated.origin, 'better-auth.session_token=forged.signature'));
  });
});

describe('revocation', () => {
  it('a revoked session is refused on its next request', async () => {
    const { db } = open.started.team;
    const person = await addPerson(db, { email: 'revoked@example.com', role: 'creator', password: 'long-enough-password' });
    const cookie = cookieFrom(await signIn(gated.origin, person.email, 'long-enough-password'));
    expect((await balance(gated.origin, cookie)).status).toBe(200);
    expect(await revokeSessions(db, person.id)).toBe(1);
    await expectNotSignedIn(await balance(gated.origin, cookie));
    await expectNotSignedIn(await me(gated.origin, cookie));
  });

  it('a removed member is refused on their next request, and cannot sign in again', async () => {
    const { db } = open.started.team;
    const person = await addPerson(db, { email: 'leaver@example.com', role: 'reviewer', password: 'long-enough-password' });
    const cookie = cookieFrom(await signIn(gated.origin, person.email, 'long-enough-password'));
    expect((await me(gated.origin, cookie)).status).toBe(200);
    await removePerson(db, person.email);
    await expectNotSignedIn(await balance(gated.origin, cookie));
    expect((await signIn(gated.origin, person.email, 'long-enough-password')).status).toBe(401);
  });

  it('signing out ends the session', async () => {
    const cookie = cookieFrom(await signIn(gated.origin, 'reviewer@sandbox.test', SANDBOX_PASSWORD));
    const out = await fetch(`${gated.origin}/api/auth/sign-out`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: gated.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await expectNotSignedIn(await balance(gated.origin, cookie));
  });
});

describe('the session, read on every request', () => {
  const tokenOf = (cookie: string) => decodeURIComponent(/session_token=([^;]+)/.exec(cookie)?.[1] ?? '').split('.')[0] ?? '';

  it('a cookie whose signature is not ours is anonymous, even when it names a live session', async () => {
    const cookie = cookieFrom(await signIn(gated.origin, 'creator-1@sandbox.test', SANDBOX_PASSWORD));
    expect((await balance(gated.origin, cookie)).status).toBe(200);
    // Same token, a signature of the right shape made without the secret.
    const forged = `better-auth.session_token=${encodeURIComponent(`${tokenOf(cookie)}.${'A'.repeat(43)}=`)}`;
    await expectNotSignedIn(await balance(gated.origin, forged));
    await expectNotSignedIn(await me(gated.origin, forged));
  });

  it('a new role counts from the next request, on every copy', async () => {
    const { db } = open.started.team;
    const person = await addPerson(db, { email: 'promoted@example.com', role: 'creator', password: 'long-enough-password' });
    const cookie = cookieFrom(await signIn(open.origin, person.email, 'long-enough-password'));
    expect(await (await me(gated.origin, cookie)).json()).toMatchObject({ person: { role: 'creator' } });
    await setRole(db, person.email, 'admin');
    expect(await (await me(gated.origin, cookie)).json()).toMatchObject({ person: { role: 'admin' } });
  });

  it('an expired session is refused and its cookie cleared', async () => {
    const { db } = open.started.team;
    const cookie = cookieFrom(await signIn(gated.origin, 'creator-2@sandbox.test', SANDBOX_PASSWORD));
    await db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.token, tokenOf(cookie)));
    const response = await balance(gated.origin, cookie);
    await expectNotSignedIn(response);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/session_token=;.*Max-Age=0/);
  });

  it('a session due for its daily refresh is extended and its cookie set again', async () => {
    const { db } = open.started.team;
    const cookie = cookieFrom(await signIn(gated.origin, 'reviewer@sandbox.test', SANDBOX_PASSWORD));
    const token = tokenOf(cookie);
    // Two hours left of the fourteen days: older than the one-day update age.
    await db
      .update(session)
      .set({ expiresAt: new Date(Date.now() + 2 * 3600_000) })
      .where(eq(session.token, token));
    const response = await me(gated.origin, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/session_token=.*Max-Age=1209600/);
    const [row] = await db.select({ expiresAt: session.expiresAt }).from(session).where(eq(session.token, token));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
  });

  it('a live session that needs no refresh sets no cookie', async () => {
    const cookie = cookieFrom(await signIn(gated.origin, 'creator-1@sandbox.test', SANDBOX_PASSWORD));
    for (const response of [await balance(gated.origin, cookie), await me(gated.origin, cookie)]) {
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });
});

describe('automatic sign-in with the embedded sandbox', () => {
  it('POST /api/auth/sandbox-sign-in signs the visitor in as the owner', async () => {
    const response = await fetch(`${gated.origin}/api/auth/sandbox-sign-in`, { method: 'POST', headers: { Origin: gated.origin } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('token');
    const cookie = cookieFrom(response);
    expect(await (await me(gated.origin, cookie)).json()).toEqual({
      person: expect.objectContaining({ email: 'owner@sandbox.test', role: 'owner' }),
    });
    expect((await balance(gated.origin, cookie)).status).toBe(200);
  });

  it('is refused from another site', async () => {
    const response = await fetch(`${gated.origin}/api/auth/sandbox-sign-in`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('is not offered with a real API, which seeds nobody and prints a setup link instead', async () => {
    const real = await startTeamConsole({ upstream: realApiUpstream() });
    try {
      const response = await fetch(`${real.origin}/api/auth/sandbox-sign-in`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect((await signIn(real.origin, 'owner@sandbox.test', SANDBOX_PASSWORD)).status).toBe(401);
      expect(real.started.seeded).toBe(0);
      expect(real.started.setupLink).toMatch(/^http:\/\/127\.0\.0\.1:0\/setup\?token=[\w-]{40,}$/);

      // The link's token creates the owner, signed in at once; it works once only.
      const token = new URL(real.started.setupLink ?? '').searchParams.get('token') ?? '';
      const page = await fetch(`${real.origin}/setup?token=${token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('name="password"');
      const join = (email: string) =>
        fetch(`${real.origin}/api/team/join`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: real.origin },
          body: JSON.stringify({ token, email, password: 'owner-password-1', name: 'First Owner' }),
        });
      const joined = await join('first@example.com');
      expect(joined.status).toBe(200);
      expect(await (await me(real.origin, cookieFrom(joined))).json()).toEqual({
        person: expect.objectContaining({ email: 'first@example.com', role: 'owner' }),
      });
      const again = await join('second@example.com');
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ error: { code: 'invalid_invitation', message: expect.stringMatching(/already used/) } });
      // With an owner there is no further setup link.
      expect(await setupLinkIfNeeded(real.started.team.db, real.origin)).toBeNull();
    } finally {
      await real.stop();
    }
  }, 60_000);
});
