/**
 * Single sign-on end to end: the console (Better Auth's generic OAuth plugin) against a real
 * OpenID provider (`oidc-provider`) on loopback, the whole authorization-code flow with PKCE driven
 * by fetch and a cookie jar. Only people on the team (matched by verified email) or holding an
 * invitation get in; a removed member is refused and told why.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createConsoleApp } from '../../server/app';
import { startTeam, type StartedTeam } from '../../server/auth/start-team';
import { auditLog, user } from '../../server/db/schema';
import { admitNewPerson } from '../../server/auth/sso';
import { addPerson, createInvitation, removePerson } from '../../server/people/people';
import { upstreamFromEnv } from '../../server/upstream';
import { consoleCallback, driveOidcSignIn, startOidcProvider, type RunningOidcProvider } from '../helpers/oidc-provider';
import { serveApp, type Served } from './http-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const CLIENT = { clientId: 'console-test', clientSecret: 'console-test-secret-0123456789' };

let provider: RunningOidcProvider;
let served: Served;
let started: StartedTeam;

beforeAll(async () => {
  // The console's address must be known before the provider registers its callback, and the
  // provider's before the console starts: serve a shell first, fill it in once both exist.
  let inner: Hono | null = null;
  const shell = new Hono();
  shell.all('*', (c) => (inner ? inner.fetch(c.req.raw) : c.text('starting', 503)));
  served = await serveApp(shell);
  provider = await startOidcProvider({
    ...CLIENT,
    redirectUris: [consoleCallback(served.origin)],
    accounts: [
      { email: 'creator-1@sandbox.test', name: 'Creator One' },
      { email: 'reviewer@sandbox.test', name: 'Reviewer (unverified at the provider)', emailVerified: false },
      { email: 'stranger@example.test', name: 'Not On The Team' },
      { email: 'leaver@example.test', name: 'Soon Gone' },
      { email: 'newcomer@example.test', name: 'Invited Newcomer' },
      { email: 'second@example.test', name: 'Second Try' },
    ],
  });
  const upstream = upstreamFromEnv({});
  started = await startTeam({
    database: { dataDir: null },
    upstreamKind: upstream.kind,
    listenOrigin: served.origin,
    oidc: { issuer: provider.issuer, ...CLIENT, label: 'Test IdP', defaultRole: null },
  });
  inner = createConsoleApp({ upstream, team: started.team });
});

afterAll(async () => {
  await served.close();
  await provider.stop();
  await started.database.close();
});

const me = (cookie: string) => fetch(`${served.origin}/api/team/me`, { headers: cookie ? { Cookie: cookie } : {} });
const userRow = async (email: string) => (await started.team.db.select().from(user).where(eq(user.email, email)))[0];

describe('signing in by OpenID Connect', () => {
  it('takes a member through provider login and consent back to the console, signed in as themselves', async () => {
    const outcome = await driveOidcSignIn(served.origin, 'creator-1@sandbox.test');
    expect(outcome.landedOn.pathname).toBe('/');
    expect(outcome.landedOn.searchParams.get('error')).toBeNull();
    const who = await me(outcome.consoleCookie);
    expect(who.status).toBe(200);
    expect(await who.json()).toEqual({
      person: expect.objectContaining({ email: 'creator-1@sandbox.test', role: 'creator', name: 'Creator One' }),
    });

    // The sign-in is in the audit log, like a password one.
    const person = await userRow('creator-1@sandbox.test');
    const signIns = await started.team.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorPersonId, person!.id)));
    expect(signIns.length).toBeGreaterThanOrEqual(1);

    // A second time the linked account is used: same person, no new one.
    const again = await driveOidcSignIn(served.origin, 'creator-1@sandbox.test');
    expect(((await (await me(again.consoleCookie)).json()) as { person: { id: string } }).person.id).toBe(person!.id);
  });

  it('refuses someone the provider knows but the team does not, without creating them', async () => {
    const outcome = await driveOidcSignIn(served.origin, 'stranger@example.test');
    expect(outcome.landedOn.pathname).toBe('/sso-error');
    expect(outcome.landedOn.searchParams.get('error')).toBe('not_on_team');
    expect((await me(outcome.consoleCookie)).status).toBe(401);
    expect(await userRow('stranger@example.test')).toBeUndefined();

    const page = await fetch(outcome.landedOn);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('This email address is not on the team. Ask an owner or admin for an invitation.');
    expect(html).toContain('href="/sign-in"');
  });

  it('refuses a removed member, whose session also stops at once, and says they were removed', async () => {
    await addPerson(started.team.db, { email: 'leaver@example.test', role: 'creator', password: 'leaver-password' });
    const first = await driveOidcSignIn(served.origin, 'leaver@example.test');
    expect((await me(first.consoleCookie)).status).toBe(200);

    await removePerson(started.team.db, 'leaver@example.test', { label: 'test' });
    expect((await me(first.consoleCookie)).status).toBe(401);

    const after = await driveOidcSignIn(served.origin, 'leaver@example.test');
    expect(after.landedOn.searchParams.get('error')).toBe('removed_from_team');
    expect((await me(after.consoleCookie)).status).toBe(401);
    expect(await userRow('leaver@example.test')).toBeUndefined();
    expect(await (await fetch(after.landedOn)).text()).toContain('You were removed from this team.');
  });

  it('does not match a member whose email the provider has not verified', async () => {
    const outcome = await driveOidcSignIn(served.origin, 'reviewer@sandbox.test');
    expect(outcome.landedOn.pathname).toBe('/sso-error');
    expect(outcome.landedOn.searchParams.get('error')).toBe('account_not_linked');
    expect((await me(outcome.consoleCookie)).status).toBe(401);
    expect(await (await fetch(outcome.landedOn)).text()).toContain('did not confirm this email address');
  });

  it('lets someone holding an invitation join with its role, once', async () => {
    const { token } = await createInvitation(started.team.db, { role: 'reviewer' });
    const joined = await driveOidcSignIn(served.origin, 'newcomer@example.test', { invitation: token });
    expect(joined.landedOn.pathname).toBe('/');
    expect(await (await me(joined.consoleCookie)).json()).toEqual({
      person: expect.objectContaining({ email: 'newcomer@example.test', role: 'reviewer' }),
    });
    const added = await started.team.db.select().from(auditLog).where(eq(auditLog.action, 'person_add'));
    expect(added.map((row) => row.details)).toContainEqual({ email: 'newcomer@example.test', role: 'reviewer', via: 'oidc' });

    const reused = await driveOidcSignIn(served.origin, 'second@example.test', { invitation: token });
    expect(reused.landedOn.searchParams.get('error')).toBe('invalid_invitation');
    expect(await userRow('second@example.test')).toBeUndefined();
  });

  it('honours an invitation addressed to someone else only for them', async () => {
    const { token } = await createInvitation(started.team.db, { role: 'creator', email: 'someone-else@example.test' });
    const outcome = await driveOidcSignIn(served.origin, 'second@example.test', { invitation: token });
    expect(outcome.landedOn.searchParams.get('error')).toBe('invalid_invitation');
    expect(await userRow('second@example.test')).toBeUndefined();
  });
});

describe('starting single sign-on', () => {
  const start = (body: unknown, origin = served.origin) =>
    fetch(`${served.origin}/api/auth/sign-in/oauth2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify(body),
    });

  it('answers the provider URL with PKCE (S256), the scopes and the console callback', async () => {
    const response = await start({ providerId: 'oidc', callbackURL: '/' });
    expect(response.status).toBe(200);
    const url = new URL(((await response.json()) as { url: string }).url);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(url.searchParams.get('redirect_uri')).toBe(consoleCallback(served.origin));
    expect(url.searchParams.get('nonce')).toBeTruthy();
  });

  it('does not offer Better Auth’s own entry, which would take an ID token minted elsewhere', async () => {
    const response = await fetch(`${served.origin}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: served.origin },
      body: JSON.stringify({ provider: 'oidc', idToken: { token: 'eyJhbGciOiJub25lIn0.e30.' } }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an unknown provider id and a start from another site', async () => {
    const unknown = await start({ providerId: 'google' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'sso_not_configured', param: 'providerId' } });
    const crossSite = await start({ providerId: 'oidc' }, 'https://evil.example');
    expect(crossSite.status).toBe(403);
  });
});

describe('who a newcomer by SSO may be', () => {
  const db = () => started.team.db;

  it('with CONSOLE_OIDC_DEFAULT_ROLE: anyone verified joins with that role, but never a removed member', async () => {
    await expect(admitNewPerson(db(), { defaultRole: 'creator' }, { email: 'New@Example.test', emailVerified: true }, null)).resolves.toBe(
      'creator',
    );
    await expect(
      admitNewPerson(db(), { defaultRole: 'creator' }, { email: 'leaver@example.test', emailVerified: true }, null),
    ).rejects.toMatchObject({
      body: { code: 'removed_from_team' },
    });
    await expect(
      admitNewPerson(db(), { defaultRole: 'creator' }, { email: 'new@example.test', emailVerified: false }, null),
    ).rejects.toMatchObject({
      body: { code: 'email_not_verified' },
    });
  });
});
