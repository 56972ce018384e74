/**
 * The review queue as a team (issue 16), enforced by the console server: claims are leases in the
 * database (expiry, takeover, admin release), a decision on a version that is no longer current is
 * refused with 409 and the character as it is now, two paid actions for one character never both
 * reach the API (even from two copies at once), and the decision log exports as CSV and JSON with
 * figures that match it. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, Character } from '../../contract/aurous';
import { COST } from '../../contract/constants';
import type { SandboxStats } from '../../contract/sandbox';
import type { ClaimTaken, DecisionEntry, ReviewClaim, ReviewClaimList, TeamQaReport } from '../../contract/review';
import { createConsoleApp } from '../../server/app';
import { reviewClaim } from '../../server/db/schema';
import { addPerson, SANDBOX_PASSWORD } from '../../server/people/people';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { serveApp, type Served } from './http-helpers';
import { api, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const REGENERATE_ROUTE = 'POST /v1/characters/:id/refs/regenerate';

describe.each(DRIVERS)('review as a team on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  let second: Served;
  let rita: Caller;
  let ravi: Caller;
  let owner: Caller;
  let creator: Caller;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    app = await startScopedConsole(fresh.options);
    // A second copy of the console: same database, same API.
    second = await serveApp(createConsoleApp({ upstream: app.upstream, team: app.started.team }));
    await addPerson(app.started.team.db, { email: 'ravi@sandbox.test', name: 'Ravi Second', role: 'reviewer', password: SANDBOX_PASSWORD });
    rita = await person(app.origin, 'reviewer@sandbox.test');
    ravi = await person(app.origin, 'ravi@sandbox.test');
    owner = await person(app.origin, 'owner@sandbox.test');
    creator = await person(app.origin, 'creator-1@sandbox.test');
  });
  afterAll(async () => {
    await second?.close();
    await app?.stop();
    await fresh?.drop();
  });

  const control = (path: string, body: unknown) =>
    fetch(`${app.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const stats = async () => (await (await fetch(`${app.origin}/_sandbox/stats`)).json()) as SandboxStats;
  const landSyntheses = () => control('/_sandbox/clock', { advance_ms: 60_000 });

  /** A synthesized character the queue holds (reviewing), as the API has it now. */
  async function reviewing(name: string): Promise<Character> {
    const made = await api(app.origin, creator).synthesize(name);
    await landSyntheses();
    const read = await api(app.origin, owner).call('GET', `/api/v1/characters/${made.id}`);
    expect((read.body as Character).status).toBe('reviewing');
    return read.body as Character;
  }

  const claim = (caller: Caller, id: string, origin = app.origin) => api(origin, caller).call('POST', `/api/review/claims/${id}`);
  const claims = async (caller: Caller) => ((await api(app.origin, caller).call('GET', '/api/review/claims')).body as ReviewClaimList).data;

  describe('claims', () => {
    it('one reviewer at a time holds a character; the other is told who', async () => {
      const character = await reviewing('Claimed once');
      const first = await claim(rita, character.id);
      expect(first.status).toBe(200);
      expect((first.body as ReviewClaim).holder.name).toBe('Reviewer');

      // From the other copy: the lease is in the database, not in a copy's memory.
      const taken = await claim(ravi, character.id, second.origin);
      expect(taken.status).toBe(409);
      expect((taken.body as ClaimTaken).error.message).toBe('Reviewer is reviewing this character.');
      expect((await claims(ravi)).map((each) => [each.character_id, each.holder.name])).toContainEqual([character.id, 'Reviewer']);

      // The holder renews it as often as the page beats.
      expect((await claim(rita, character.id)).status).toBe(200);
    });

    it('an expired claim is taken over, and the old holder cannot renew it', async () => {
      const character = await reviewing('Left open');
      expect((await claim(rita, character.id)).status).toBe(200);
      // Rita's page went away without releasing: her lease runs out (moved into the past here).
      await app.started.team.db
        .update(reviewClaim)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(reviewClaim.characterId, character.id));
      expect((await claims(ravi)).map((each) => each.character_id)).not.toContain(character.id);
      const takeover = await claim(ravi, character.id);
      expect(takeover.status).toBe(200);
      expect((takeover.body as ReviewClaim).holder.name).toBe('Ravi Second');
      expect((await claim(rita, character.id)).status).toBe(409);
    });

    it('opening another character releases the first; a reviewer cannot release someone else’s; an admin can', async () => {
      const one = await reviewing('First of two');
      const two = await reviewing('Second of two');
      expect((await claim(rita, one.id)).status).toBe(200);
      expect((await claim(rita, two.id)).status).toBe(200);
      const held = (await claims(owner)).filter((each) => each.holder.name === 'Reviewer').map((each) => each.character_id);
      expect(held).toEqual([two.id]);

      const notHers = await api(app.origin, ravi).call('DELETE', `/api/review/claims/${two.id}`);
      expect(notHers.body).toEqual({ character_id: two.id, released: false });
      expect((await claim(ravi, two.id)).status).toBe(409);

      const released = await api(app.origin, owner).call('DELETE', `/api/review/claims/${two.id}`);
      expect(released.body).toEqual({ character_id: two.id, released: true });
      expect((await claim(ravi, two.id)).status).toBe(200);
    });

    it('a character out of the caller’s reach cannot be claimed, and embed sessions get nothing', async () => {
      const character = await reviewing('Not for creator two');
      await api(app.origin, owner).call('POST', `/api/v1/characters/${character.id}/save`);
      const other = await person(app.origin, 'creator-2@sandbox.test');
      expect((await claim(other, character.id)).status).toBe(404);
      expect((await api(app.origin, null).call('GET', '/api/review/claims')).status).toBe(401);
    });
  });

  describe('decisions on what was seen', () => {
    it('refuses an approve on a version that has moved on, with the new state and who moved it', async () => {
      const seen = await reviewing('Regenerated meanwhile');
      const regenerate = await api(app.origin, ravi).call(
        'POST',
        `/api/v1/characters/${seen.id}/refs/regenerate`,
        { pose: 'front' },
        { 'Idempotency-Key': `regen-${seen.id}`, 'Aurous-Seen-Version': seen.updated_at },
      );
      expect(regenerate.status).toBe(200);
      await landSyntheses();

      const approve = await api(app.origin, rita).call('POST', `/api/v1/characters/${seen.id}/save`, undefined, {
        'Aurous-Seen-Version': seen.updated_at,
      });
      expect(approve.status).toBe(409);
      const body = approve.body as ApiErrorBody & { character: Character };
      expect(body.error.code).toBe('stale_version');
      expect(body.error.message).toBe('Ravi Second regenerated the front pose after you opened this; look again.');
      expect(body.character.status).toBe('reviewing');
      expect(body.character.updated_at).not.toBe(seen.updated_at);
      // Nothing was saved: the API still has it reviewing.
      const now = (await api(app.origin, owner).call('GET', `/api/v1/characters/${seen.id}`)).body as Character;
      expect(now.status).toBe('reviewing');

      // On the version now shown, the approve goes through.
      const again = await api(app.origin, rita).call('POST', `/api/v1/characters/${seen.id}/save`, undefined, {
        'Aurous-Seen-Version': body.character.updated_at,
      });
      expect(again.status).toBe(200);
      expect((again.body as Character).status).toBe('ready');
    });

    it('refuses a regenerate on a character approved since (the approval is not undone)', async () => {
      const seen = await reviewing('Approved meanwhile');
      expect(
        (
          await api(app.origin, rita).call('POST', `/api/v1/characters/${seen.id}/save`, undefined, {
            'Aurous-Seen-Version': seen.updated_at,
          })
        ).status,
      ).toBe(200);
      const before = (await stats()).traffic.a.routes[REGENERATE_ROUTE] ?? 0;
      // The owner still reaches it once it has left the queue (a reviewer who never acted on it does not).
      const late = await api(app.origin, owner).call(
        'POST',
        `/api/v1/characters/${seen.id}/refs/regenerate`,
        { pose: 'side' },
        {
          'Idempotency-Key': `late-${seen.id}`,
          'Aurous-Seen-Version': seen.updated_at,
        },
      );
      expect(late.status).toBe(409);
      expect((late.body as ApiErrorBody).error.message).toBe('Reviewer approved it after you opened this; look again.');
      expect((late.body as { character: Character }).character.status).toBe('ready');
      expect((await stats()).traffic.a.routes[REGENERATE_ROUTE] ?? 0).toBe(before);
    });

    it('sends one of two paid actions sent at once from two copies, and none while it synthesizes', async () => {
      const seen = await reviewing('Pressed twice');
      const before = await stats();
      const send = (caller: Caller, origin: string, key: string) =>
        api(origin, caller).call('POST', `/api/v1/characters/${seen.id}/refs/regenerate`, { pose: 'front' }, { 'Idempotency-Key': key });
      const answers = await Promise.all([send(rita, app.origin, 'rita-1'), send(ravi, second.origin, 'ravi-1')]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const refused = answers.find((answer) => answer.status === 409)!.body as ApiErrorBody & { character: Character | null };
      expect(refused.error.code).toBe('decision_in_flight');

      // While the accepted one synthesizes, a resynthesize is refused before the API.
      const resynth = await api(app.origin, owner).call(
        'POST',
        `/api/v1/characters/${seen.id}/resynthesize`,
        {},
        { 'Idempotency-Key': 'owner-1' },
      );
      expect(resynth.status).toBe(409);
      const after = await stats();
      expect((after.traffic.a.routes[REGENERATE_ROUTE] ?? 0) - (before.traffic.a.routes[REGENERATE_ROUTE] ?? 0)).toBe(1);
      expect(after.traffic.a.routes['POST /v1/characters/:id/resynthesize'] ?? 0).toBe(
        before.traffic.a.routes['POST /v1/characters/:id/resynthesize'] ?? 0,
      );

      // A retry of the accepted request (same key) is the API's replay, not a second charge.
      const winner = answers.findIndex((answer) => answer.status === 200);
      const retry = await send(winner === 0 ? rita : ravi, winner === 0 ? app.origin : second.origin, winner === 0 ? 'rita-1' : 'ravi-1');
      expect(retry.status).toBe(200);

      // Once it has landed, the next paid action may go.
      await landSyntheses();
      const next = await send(rita, app.origin, 'rita-2');
      expect(next.status).toBe(200);
      await landSyntheses();
      const settled = await stats();
      expect(settled.teams.a.credits).toBe(before.teams.a.credits - 2 * COST.regenerate);
    });
  });

  describe('the decision log', () => {
    it('exports as CSV and JSON attachments, and the QA figures match it', async () => {
      const log = await api(app.origin, owner).call('GET', '/api/review/decisions?limit=500');
      expect(log.status).toBe(200);
      const entries = (log.body as { data: DecisionEntry[] }).data;
      expect(entries.some((entry) => entry.outcome === 'stale')).toBe(true);
      const done = entries.filter((entry) => entry.outcome === 'done');

      const csv = await fetch(`${app.origin}/api/review/decisions/export?format=csv`, { headers: owner });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="decisions-.*\.csv"$/);
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,at,reviewer,reviewer_id,character_id,character_name,action,pose,seen_version,result_version,outcome,credits,message',
      );
      expect(lines).toHaveLength(entries.length + 1);

      const json = await fetch(`${app.origin}/api/review/decisions/export?format=json`, { headers: owner });
      expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="decisions-.*\.json"$/);
      const exported = ((await json.json()) as { data: DecisionEntry[] }).data;
      expect(exported.map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id).reverse());

      const report = (await api(app.origin, owner).call('GET', '/api/review/stats')).body as TeamQaReport;
      expect(report.totals.decisions).toBe(done.length);
      expect(report.totals.credits).toBe(done.reduce((sum, entry) => sum + entry.credits, 0));
      const approved = new Set(done.filter((entry) => entry.action === 'save').map((entry) => entry.character_id));
      expect(report.totals.approved).toBe(approved.size);
      const paid = done.filter((entry) => entry.action === 'regenerate' || entry.action === 'resynthesize').length;
      expect(report.totals.regenerate_rate).toBeCloseTo(paid / done.length);
      const ravisRow = report.reviewers.find((row) => row.actor.name === 'Ravi Second')!;
      expect(ravisRow.regenerates).toBe(done.filter((entry) => entry.actor.name === 'Ravi Second' && entry.action === 'regenerate').length);

      expect((await fetch(`${app.origin}/api/review/decisions/export?format=xml`, { headers: owner })).status).toBe(400);
    });

    it('a creator sees only their own decisions', async () => {
      const log = await api(app.origin, creator).call('GET', '/api/review/decisions');
      expect((log.body as { data: DecisionEntry[] }).data).toEqual([]);
    });
  });
});
