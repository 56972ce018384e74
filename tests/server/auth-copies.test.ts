/**
 * Sessions live in the database, signed with a secret the database keeps: a restarted console
 * still knows a signed-in browser (PGlite and PostgreSQL), and two copies on one PostgreSQL
 * agree on who is signed in and who was removed.
 */
import { describe, expect, it, vi } from 'vitest';
import { removePerson, SANDBOX_PASSWORD } from '../../server/people/people';
import { DRIVERS, freshDatabase } from '../db/databases';
import { cookieFrom, signIn, startTeamConsole } from './team-helpers';

// Booting PGlite (WebAssembly) takes seconds on a loaded machine; nothing here is timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const me = (origin: string, cookie: string) => fetch(`${origin}/api/team/me`, { headers: { Cookie: cookie } });
const balance = (origin: string, cookie: string) => fetch(`${origin}/api/v1/balance`, { headers: { Cookie: cookie } });

describe.each(DRIVERS)('on %s', (driver) => {
  it('a restart keeps the session: the same cookie still signs the browser in', async () => {
    const fresh = await freshDatabase(driver);
    try {
      const first = await startTeamConsole({ database: fresh.options });
      const cookie = cookieFrom(await signIn(first.origin, 'creator-1@sandbox.test', SANDBOX_PASSWORD));
      expect((await me(first.origin, cookie)).status).toBe(200);
      await first.stop();

      const restarted = await startTeamConsole({ database: fresh.options });
      try {
        expect(restarted.started.seeded).toBe(0);
        const who = await me(restarted.origin, cookie);
        expect(who.status).toBe(200);
        expect(await who.json()).toEqual({ person: expect.objectContaining({ email: 'creator-1@sandbox.test', role: 'creator' }) });
        expect((await balance(restarted.origin, cookie)).status).toBe(200);
      } finally {
        await restarted.stop();
      }
    } finally {
      await fresh.drop();
    }
  }, 60_000);
});

describe.runIf(DRIVERS.includes('postgres'))('two copies on one PostgreSQL', () => {
  it('see the same people and sessions: signed in on one, known on the other; removed on one, refused on both', async () => {
    const fresh = await freshDatabase('postgres');
    const [a, b] = await Promise.all([startTeamConsole({ database: fresh.options }), startTeamConsole({ database: fresh.options })]);
    try {
      const cookie = cookieFrom(await signIn(a.origin, 'reviewer@sandbox.test', SANDBOX_PASSWORD));
      expect(await (await me(b.origin, cookie)).json()).toEqual({
        person: expect.objectContaining({ email: 'reviewer@sandbox.test', role: 'reviewer' }),
      });
      expect((await balance(b.origin, cookie)).status).toBe(200);

      await removePerson(b.started.team.db, 'reviewer@sandbox.test');
      expect((await balance(a.origin, cookie)).status).toBe(401);
      expect((await balance(b.origin, cookie)).status).toBe(401);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await fresh.drop();
    }
  }, 60_000);
});
