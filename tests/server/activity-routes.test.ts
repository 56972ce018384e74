/**
 * GET /api/team/activity, activity.csv and activity.json on a console with people: only owners
 * and admins read them; the report counts real sign-ins and the credits entries carry; the CSV
 * downloads with one row per person per day; the raw entries page through the range.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import type { ActivityEntryPage, ActivityReport } from '../../contract/activity';
import { auditLog } from '../../server/db/schema';
import { isoDay } from '../../server/audit/activity';
import { addPerson, findPerson, SANDBOX_PASSWORD } from '../../server/people/people';
import { cookieFrom, signIn, startTeamConsole, type TeamConsole } from './team-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let team: TeamConsole;
const cookies: Record<'owner' | 'admin' | 'creator' | 'reviewer', string> = { owner: '', admin: '', creator: '', reviewer: '' };
const today = isoDay(new Date());

beforeAll(async () => {
  team = await startTeamConsole();
  const { db } = team.started.team;
  await addPerson(db, { email: 'admin@example.test', role: 'admin', password: 'admin-password' });
  cookies.owner = cookieFrom(await signIn(team.origin, 'owner@sandbox.test', SANDBOX_PASSWORD));
  cookies.admin = cookieFrom(await signIn(team.origin, 'admin@example.test', 'admin-password'));
  cookies.creator = cookieFrom(await signIn(team.origin, 'creator-1@sandbox.test', SANDBOX_PASSWORD));
  cookies.reviewer = cookieFrom(await signIn(team.origin, 'reviewer@sandbox.test', SANDBOX_PASSWORD));
  // What the character actions will write (their audit rows come from the scopes work).
  const creator = await findPerson(db, 'creator-1@sandbox.test');
  await db.insert(auditLog).values([
    { actorPersonId: creator!.id, actorLabel: 'creator-1@sandbox.test', action: 'synthesize', characterId: 'chr_1', credits: 4 },
    { actorPersonId: creator!.id, actorLabel: 'creator-1@sandbox.test', action: 'regenerate', characterId: 'chr_1', credits: 1 },
    { actorSubject: '=HYPERLINK("http://evil.example","click")', actorLabel: null, action: 'synthesize', characterId: 'chr_2', credits: 4 },
    { at: new Date('2020-01-01T12:00:00Z'), actorPersonId: creator!.id, action: 'synthesize', credits: 4 },
  ]);
});
afterAll(() => team.stop());

const get = (path: string, cookie = '') => fetch(`${team.origin}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

describe('who may read the activity', () => {
  it.each(['/api/team/activity', '/api/team/activity.csv', '/api/team/activity.json'])(
    '%s: 401 signed out, 403 for creators and reviewers',
    async (path) => {
      expect((await get(path)).status).toBe(401);
      for (const role of ['creator', 'reviewer'] as const) {
        const response = await get(path, cookies[role]);
        expect(response.status).toBe(403);
        const body = (await response.json()) as ApiErrorBody;
        expect(body.error).toMatchObject({ type: 'authentication', code: 'insufficient_role' });
        expect(body.error.message).toContain(`you are a ${role}`);
      }
      for (const role of ['owner', 'admin'] as const) expect((await get(path, cookies[role])).status).toBe(200);
    },
  );
});

describe('GET /api/team/activity', () => {
  it('gives today per person: sign-ins counted, credits summed, embed subjects apart, totals', async () => {
    const response = await get('/api/team/activity', cookies.owner);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as ActivityReport;
    expect(report.to).toBe(today);
    const day = report.days.find((d) => d.day === today)!;
    const creator = day.rows.find((row) => row.actor.label === 'creator-1@sandbox.test')!;
    expect(creator.actor.kind).toBe('person');
    expect(creator.actions).toMatchObject({ sign_in: 1, synthesize: 1, regenerate: 1 });
    expect(creator.credits).toBe(5);
    expect(day.rows.find((row) => row.actor.label === 'owner@sandbox.test')!.actions.sign_in).toBe(1);
    expect(day.rows.find((row) => row.actor.kind === 'subject')!.credits).toBe(4);
    expect(day.credits).toBe(9);
    // The 2020 entry is outside the default range…
    expect(report.days.some((d) => d.day === '2020-01-01')).toBe(false);
    // …and inside one that asks for it.
    const old = (await (await get('/api/team/activity?from=2020-01-01&to=2020-01-01', cookies.admin)).json()) as ActivityReport;
    expect(old.days).toEqual([expect.objectContaining({ day: '2020-01-01', credits: 4, action_count: 1 })]);
  });

  it('names the bad parameter', async () => {
    const response = await get('/api/team/activity?from=01/02/2026', cookies.owner);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).error).toMatchObject({ code: 'parameter_invalid', param: 'from' });
  });
});

describe('GET /api/team/activity.csv', () => {
  it('downloads one row per person per day with a header row, formulas defused', async () => {
    const response = await get(`/api/team/activity.csv?from=${today}&to=${today}`, cookies.owner);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="activity-${today}-to-${today}.csv"`);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^day,actor,actor_type,create,synthesize,regenerate,resynthesize,save,delete,rename,edit,sign_in,.*,total_actions,credits$/,
    );
    const header = lines[0]!.split(',');
    const creator = lines.find((line) => line.includes(',creator-1@sandbox.test,'))!.split(',');
    expect(creator[0]).toBe(today);
    expect(creator[header.indexOf('synthesize')]).toBe('1');
    expect(creator[header.indexOf('sign_in')]).toBe('1');
    expect(creator.at(-1)).toBe('5');
    expect(lines.filter((line) => line.includes('creator-1@sandbox.test'))).toHaveLength(1);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d{4}-\d{2}-\d{2},"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",subject,/),
    );
  });

  it('refuses a format it does not have', async () => {
    const response = await get('/api/team/activity.csv?format=xlsx', cookies.owner);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).error).toMatchObject({ param: 'format' });
  });
});

describe('the raw entries (activity.json, or activity.csv?format=json)', () => {
  it('pages through every entry in the range once, oldest first', async () => {
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = (await (await get(`/api/team/activity.json?limit=2&cursor=${cursor}`, cookies.owner)).json()) as ActivityEntryPage;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((entry) => entry.id));
      cursor = page.next_cursor;
      pages += 1;
    }
    const all = (await (await get('/api/team/activity.csv?format=json&limit=1000', cookies.owner)).json()) as ActivityEntryPage;
    expect(all.has_more).toBe(false);
    expect(seen).toEqual(all.data.map((entry) => entry.id));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(pages).toBe(Math.ceil(seen.length / 2));
    expect(all.data.find((entry) => entry.action === 'regenerate')).toMatchObject({
      actor: { kind: 'person', label: 'creator-1@sandbox.test' },
      character_id: 'chr_1',
      credits: 1,
    });
    expect(all.data.some((entry) => entry.at.startsWith('2020-'))).toBe(false);
  });

  it('refuses a limit out of bounds and a cursor that is not one', async () => {
    expect(((await (await get('/api/team/activity.json?limit=0', cookies.owner)).json()) as ApiErrorBody).error.param).toBe('limit');
    expect(((await (await get('/api/team/activity.json?limit=5000', cookies.owner)).json()) as ApiErrorBody).error.param).toBe('limit');
    expect(((await (await get('/api/team/activity.json?cursor=abc', cookies.owner)).json()) as ApiErrorBody).error.param).toBe('cursor');
  });
});
