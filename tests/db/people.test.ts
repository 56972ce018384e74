/**
 * The team's people on each database: the last owner stays (removal, demotion, two demotions at
 * once), seeds are idempotent, and `npm run people` works on the same database.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type ConsoleDatabase } from '../../server/db/database';
import { addPerson, ensureSandboxPeople, listPeople, PeopleError, removePerson, setRole } from '../../server/people/people';
import { runPeopleCommand } from '../../scripts/people';
import { DRIVERS, freshDatabase, type FreshDatabase } from './databases';

// Booting PGlite (WebAssembly) takes seconds on a loaded machine; nothing here is timed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const PASSWORD = 'long-enough-password';

describe.each(DRIVERS)('people on %s', (driver) => {
  let fresh: FreshDatabase;
  let database: ConsoleDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    database = await openDatabase(fresh.options);
  }, 60_000);
  afterAll(async () => {
    await database.close();
    await fresh.drop();
  });

  it('never lets the last owner go: removal and demotion are refused, with a clear message', async () => {
    const { db } = database;
    await addPerson(db, { email: 'Only.Owner@Example.com', role: 'owner', password: PASSWORD });
    await expect(removePerson(db, 'only.owner@example.com')).rejects.toThrow(
      /only\.owner@example\.com is the team's last owner and cannot be removed/,
    );
    await expect(setRole(db, 'only.owner@example.com', 'admin')).rejects.toThrow(/last owner and cannot become admin/);
    expect((await listPeople(db)).filter((person) => person.role === 'owner').map((person) => person.email)).toEqual([
      'only.owner@example.com',
    ]);

    // With a second owner, one of them may step down; then the other is the last again.
    await addPerson(db, { email: 'second.owner@example.com', role: 'owner', password: PASSWORD });
    await setRole(db, 'only.owner@example.com', 'admin');
    await expect(removePerson(db, 'second.owner@example.com')).rejects.toMatchObject({ code: 'last_owner' });
  });

  it('two owners demoting each other at once: exactly one succeeds', async () => {
    const { db } = database;
    await addPerson(db, { email: 'race-a@example.com', role: 'owner', password: PASSWORD });
    await setRole(db, 'second.owner@example.com', 'creator');
    // Owners now: race-a only → add race-b, then demote both together.
    await addPerson(db, { email: 'race-b@example.com', role: 'owner', password: PASSWORD });
    const results = await Promise.allSettled([setRole(db, 'race-a@example.com', 'creator'), setRole(db, 'race-b@example.com', 'creator')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason instanceof PeopleError && refused.reason.code).toBe('last_owner');
    expect((await listPeople(db)).filter((person) => person.role === 'owner')).toHaveLength(1);
  });

  it('refuses bad input with specific messages', async () => {
    const { db } = database;
    await expect(addPerson(db, { email: 'not-an-email', role: 'creator', password: PASSWORD })).rejects.toThrow(
      '"not-an-email" is not an email address.',
    );
    await expect(addPerson(db, { email: 'a@example.com', role: 'boss', password: PASSWORD })).rejects.toThrow(
      /"boss" is not a role: use one of owner, admin, creator, reviewer/,
    );
    await expect(addPerson(db, { email: 'a@example.com', role: 'creator', password: 'short' })).rejects.toThrow(/at least 8 characters/);
    await expect(addPerson(db, { email: 'RACE-A@example.com', role: 'creator', password: PASSWORD })).rejects.toThrow(
      'race-a@example.com is already on the team.',
    );
    await expect(removePerson(db, 'nobody@example.com')).rejects.toThrow('Nobody with the email nobody@example.com is on the team.');
  });

  it('seeds the sandbox people once, however often it starts', async () => {
    const { db } = database;
    expect(await ensureSandboxPeople(db)).toBe(4);
    expect(await ensureSandboxPeople(db)).toBe(0);
    const seeded = (await listPeople(db)).filter((person) => person.email.endsWith('@sandbox.test'));
    expect(seeded.map((person) => [person.email, person.role])).toEqual([
      ['owner@sandbox.test', 'owner'],
      ['creator-1@sandbox.test', 'creator'],
      ['creator-2@sandbox.test', 'creator'],
      ['reviewer@sandbox.test', 'reviewer'],
    ]);
  });

  it('`npm run people` commands: add, list, set-role, remove, and the last-owner rule', async () => {
    const { db } = database;
    expect(
      await runPeopleCommand(db, ['add', 'cli@example.com', '--role', 'reviewer', '--password', PASSWORD, '--name', 'Cli Person']),
    ).toBe('Added cli@example.com as reviewer.');
    expect(await runPeopleCommand(db, ['list'])).toContain('cli@example.com\treviewer\tCli Person');
    expect(await runPeopleCommand(db, ['set-role', 'cli@example.com', 'admin'])).toBe('cli@example.com is now admin.');
    expect(await runPeopleCommand(db, ['remove', 'cli@example.com'])).toBe('Removed cli@example.com (admin); their sessions are revoked.');
    await expect(runPeopleCommand(db, ['add', 'x@example.com', '--role', 'creator'])).rejects.toThrow('add needs --password.');
    await expect(runPeopleCommand(db, ['promote', 'x@example.com'])).rejects.toThrow('Unknown command "promote".');
    await runPeopleCommand(db, ['add', 'cli-owner@example.com', '--role=owner', '--password', PASSWORD]);
    for (const other of (await listPeople(db)).filter((person) => person.role === 'owner' && person.email !== 'cli-owner@example.com')) {
      await runPeopleCommand(db, ['set-role', other.email, 'admin']);
    }
    await expect(runPeopleCommand(db, ['remove', 'cli-owner@example.com'])).rejects.toThrow(/last owner and cannot be removed/);
  });
});

describe('npm run people, as a process', () => {
  it('adds a person to the PGlite data folder the console uses, and exits 1 with the message on a refusal', async () => {
    const fresh = await freshDatabase('pglite');
    const env = { ...process.env, CONSOLE_DATA_DIR: fresh.dataDir ?? '', DATABASE_URL: '' };
    const run = (...args: string[]) => promisify(execFile)('npx', ['tsx', 'scripts/people.ts', ...args], { env });
    try {
      expect((await run('add', 'boss@example.com', '--role', 'owner', '--password', PASSWORD)).stdout).toBe(
        'Added boss@example.com as owner.\n',
      );
      await expect(run('set-role', 'boss@example.com', 'creator')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining("boss@example.com is the team's last owner and cannot become creator"),
      });
      const database = await openDatabase(fresh.options);
      expect((await listPeople(database.db)).map((person) => [person.email, person.role])).toEqual([['boss@example.com', 'owner']]);
      await database.close();
    } finally {
      await fresh.drop();
    }
  }, 60_000);
});
