/**
 * Scopes, enforced by the console server (issue 14): two creators never reach each other's
 * characters (404, no credits spent), the reviewer sees both in the queue, the owner sees both and
 * the audit log names who made each; two embed subjects are kept apart the same way; the index is
 * kept from the answers and pruned when the API no longer knows a character. On PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, Character } from '../../contract/aurous';
import { COST } from '../../contract/constants';
import { auditLog, character as characterTable, user } from '../../server/db/schema';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { makePng } from '../helpers/png';
import { api, direct, embedSession, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe.each(DRIVERS)('scopes on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  let creator1: Caller;
  let creator2: Caller;
  let reviewer: Caller;
  let owner: Caller;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    app = await startScopedConsole(fresh.options);
    creator1 = await person(app.origin, 'creator-1@sandbox.test');
    creator2 = await person(app.origin, 'creator-2@sandbox.test');
    reviewer = await person(app.origin, 'reviewer@sandbox.test');
    owner = await person(app.origin, 'owner@sandbox.test');
  });
  afterAll(async () => {
    await app?.stop();
    await fresh?.drop();
  });

  const idOf = async (email: string) => (await app.started.team.db.select({ id: user.id }).from(user).where(eq(user.email, email)))[0]?.id;

  /** Every way to reach a character by id: each must be 404 in the API's words, and spend nothing. */
  async function expectUnreachable(caller: Caller, id: string) {
    const as = api(app.origin, caller);
    const before = await api(app.origin, owner).credits();
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/characters/${id}`],
      ['PATCH', `/api/v1/characters/${id}`, { name: 'Taken over' }],
      ['POST', `/api/v1/characters/${id}/refs/regenerate`, { pose: 'front' }],
      ['POST', `/api/v1/characters/${id}/resynthesize`, {}],
      ['POST', `/api/v1/characters/${id}/save`],
      ['DELETE', `/api/v1/characters/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await as.call(method, path, body, { 'Idempotency-Key': `probe-${method}-${path}` });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect((answer.body as ApiErrorBody).error).toMatchObject({ type: 'not_found', code: 'resource_not_found', param: 'character_id' });
      // Never "forbidden": nothing tells "someone else's" from "does not exist".
      expect(JSON.stringify(answer.body)).not.toMatch(/forbidden|scope|another/i);
    }
    expect(await api(app.origin, owner).credits()).toBe(before);
    // And the character is untouched.
    const still = await api(app.origin, owner).call('GET', `/api/v1/characters/${id}`);
    expect(still.status).toBe(200);
    expect((still.body as Character).name).not.toBe('Taken over');
  }

  describe('two creators', () => {
    let one: Character;
    let two: Character;

    beforeAll(async () => {
      one = await api(app.origin, creator1).synthesize('Ada of creator one');
      two = await api(app.origin, creator2).synthesize('Bea of creator two');
    });

    it('stamps each character with its creator’s scope; a client cannot set its own', async () => {
      expect(one.client_reference_id).toBe(`person:${await idOf('creator-1@sandbox.test')}`);
      expect(two.client_reference_id).toBe(`person:${await idOf('creator-2@sandbox.test')}`);
      const forged = await api(app.origin, creator2).call('POST', '/api/v1/characters', {
        name: 'Forged',
        generate: true,
        attributes: { age: 30 },
        client_reference_id: one.client_reference_id,
      });
      expect(forged.status).toBe(400);
      expect((forged.body as ApiErrorBody).error).toMatchObject({ param: 'client_reference_id' });
    });

    it('neither lists the other’s character, in the library, its search or the raw API list', async () => {
      for (const [caller, own, other] of [
        [creator1, one, two],
        [creator2, two, one],
      ] as const) {
        const as = api(app.origin, caller);
        expect(await as.listed()).toEqual([own.id]);
        expect(await as.listed(`?q=${encodeURIComponent(other.name.slice(0, 3))}`)).toEqual([]);
        expect(await as.listed('?status=synthesizing&sort=created')).toEqual([own.id]);
        expect(await as.listedRaw()).toEqual([own.id]);
        expect(await as.listedRaw('?status=synthesizing&limit=100')).toEqual([own.id]);
      }
    });

    it('neither reads or acts on the other’s character: 404 each, no credits spent', async () => {
      await expectUnreachable(creator2, one.id);
      await expectUnreachable(creator1, two.id);
    });

    it('neither classifies nor makes a character from the other’s upload: 404, and the upload stays unused', async () => {
      const init = await api(app.origin, creator1).call('POST', '/api/v1/characters/uploads/init', {
        filename: 'mine.png',
        extension: 'png',
        content_type: 'image/png',
      });
      expect(init.status).toBe(200);
      const { upload_id: uploadId, upload_url: uploadUrl } = init.body as { upload_id: string; upload_url: string };
      const put = await fetch(new URL(uploadUrl, app.origin), {
        method: 'PUT',
        headers: { ...creator1, 'Content-Type': 'image/png' },
        body: Buffer.from(makePng(48, 64, 7)),
      });
      expect(put.ok).toBe(true);

      const classified = await api(app.origin, creator2).call('POST', '/api/v1/characters/uploads/classify', { upload_id: uploadId });
      expect(classified.status).toBe(404);
      expect((classified.body as ApiErrorBody).error).toMatchObject({ code: 'resource_not_found', param: 'upload_id' });
      const made = await api(app.origin, creator2).call('POST', '/api/v1/characters', { name: 'Not mine', upload_ids: [uploadId] });
      expect(made.status).toBe(404);
      expect((made.body as ApiErrorBody).error).toMatchObject({ code: 'resource_not_found', param: 'upload_ids' });

      // Its owner still can: the upload was neither classified nor consumed by the other.
      expect((await api(app.origin, creator1).call('POST', '/api/v1/characters/uploads/classify', { upload_id: uploadId })).status).toBe(
        200,
      );
      const mine = await api(app.origin, creator1).call('POST', '/api/v1/characters', { name: 'Mine', upload_ids: [uploadId] });
      expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    });

    it('the reviewer sees both in the queue and may act on them; the owner sees both', async () => {
      const queue = await api(app.origin, reviewer).listed('?status=synthesizing');
      expect(queue).toEqual(expect.arrayContaining([one.id, two.id]));
      expect((await api(app.origin, reviewer).call('GET', `/api/v1/characters/${one.id}`)).status).toBe(200);
      expect(await api(app.origin, owner).listed()).toEqual(expect.arrayContaining([one.id, two.id]));
      expect(await api(app.origin, owner).listedRaw()).toEqual(expect.arrayContaining([one.id, two.id]));
    });

    it('the audit log names who created each, with the credits it cost', async () => {
      const rows = await app.started.team.db.select().from(auditLog).where(eq(auditLog.action, 'synthesize'));
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            characterId: one.id,
            actorPersonId: await idOf('creator-1@sandbox.test'),
            actorLabel: 'creator-1@sandbox.test',
            credits: COST.synthesize,
          }),
          expect.objectContaining({
            characterId: two.id,
            actorPersonId: await idOf('creator-2@sandbox.test'),
            actorLabel: 'creator-2@sandbox.test',
            credits: COST.synthesize,
          }),
        ]),
      );
      // The probes of the other's character wrote nothing.
      const probes = await app.started.team.db.select().from(auditLog).where(eq(auditLog.characterId, one.id));
      expect(probes.map((row) => row.action)).toEqual(['synthesize']);
    });

    it('searches by name and sorts by updated or created', async () => {
      const as = api(app.origin, creator1);
      const older = await as.synthesize('Zed the older');
      const newer = await as.synthesize('Yan the newer');
      expect(await as.listed('?q=the')).toEqual([newer.id, older.id]);
      expect(await as.listed('?q=ZED')).toEqual([older.id]);
      expect(await as.listed('?q=%25')).toEqual([]);
      // A rename moves the older one to the top by updated, not by created.
      expect((await as.call('PATCH', `/api/v1/characters/${older.id}`, { name: 'Zed the renamed' })).status).toBe(200);
      expect((await as.listed('?sort=updated')).slice(0, 2)).toEqual([older.id, newer.id]);
      expect((await as.listed('?sort=created')).slice(0, 2)).toEqual([newer.id, older.id]);
      expect(await as.listed('?q=renamed')).toEqual([older.id]);
      // Pages follow the cursor.
      const first = (await as.call('GET', '/api/characters?limit=1&sort=created')).body as { data: Character[]; next_cursor: string };
      const second = await as.listed(`?limit=1&sort=created&cursor=${first.next_cursor}`);
      expect([first.data[0]?.id, ...second]).toEqual([newer.id, older.id]);
      const bad = await as.call('GET', '/api/characters?sort=size');
      expect(bad.status).toBe(400);
      expect((bad.body as ApiErrorBody).error).toMatchObject({
        param: 'sort',
        message: 'sort must be one of "updated", "created", "name", "status".',
      });
      const rename = await app.started.team.db.select().from(auditLog).where(eq(auditLog.characterId, older.id));
      expect(rename.map((row) => [row.action, row.credits])).toEqual([
        ['synthesize', COST.synthesize],
        ['rename', 0],
      ]);
    });
  });

  describe('two embed subjects of one partner', () => {
    let ofSubject1: Character;
    let ofSubject2: Character;

    beforeAll(async () => {
      ofSubject1 = await api(app.origin, await embedSession(app.origin, { mode: 'create', subject: 'subject-1' })).synthesize(
        'Of subject 1',
      );
      ofSubject2 = await api(app.origin, await embedSession(app.origin, { mode: 'create', subject: 'subject-2' })).synthesize(
        'Of subject 2',
      );
    });

    it('subject 1’s review session lists only subject 1’s, and cannot read, rename, regenerate or delete subject 2’s', async () => {
      const review1 = await embedSession(app.origin, { mode: 'review', subject: 'subject-1' });
      expect(await api(app.origin, review1).listed()).toEqual([ofSubject1.id]);
      expect(await api(app.origin, review1).listedRaw()).toEqual([ofSubject1.id]);
      await expectUnreachable(review1, ofSubject2.id);
      // Its own, it acts on; the audit names the subject.
      expect((await api(app.origin, review1).call('PATCH', `/api/v1/characters/${ofSubject1.id}`, { name: 'Renamed by 1' })).status).toBe(
        200,
      );
      const renamed = (await app.started.team.db.select().from(auditLog).where(eq(auditLog.characterId, ofSubject1.id))).at(-1);
      expect(renamed).toMatchObject({ actorPersonId: null, actorSubject: 'subject-1', actorLabel: 'subject-1 @ https://partner.example' });
    });

    it('a create session cannot read a character it did not create', async () => {
      const create1 = await embedSession(app.origin, { mode: 'create', subject: 'subject-1' });
      expect((await api(app.origin, create1).call('GET', `/api/v1/characters/${ofSubject1.id}`)).status).toBe(200);
      const byCreator = await api(app.origin, creator1).synthesize('Made in the console');
      for (const id of [ofSubject2.id, byCreator.id]) {
        const answer = await api(app.origin, create1).call('GET', `/api/v1/characters/${id}`);
        expect(answer.status).toBe(404);
        expect((answer.body as ApiErrorBody).error).toMatchObject({ code: 'resource_not_found', message: `No such character: ${id}.` });
      }
      // Nor do people see a subject's characters, except those who see everything.
      expect((await api(app.origin, creator1).call('GET', `/api/v1/characters/${ofSubject2.id}`)).status).toBe(404);
      expect((await api(app.origin, owner).call('GET', `/api/v1/characters/${ofSubject2.id}`)).status).toBe(200);
    });
  });

  describe('the audit log and the index', () => {
    it('a replayed create (same Idempotency-Key) writes one audit row', async () => {
      const as = api(app.origin, creator2);
      const first = await as.synthesize('Replayed once', { 'Idempotency-Key': 'intent-replay-1' });
      const again = await as.call(
        'POST',
        '/api/v1/characters',
        { name: 'Replayed once', generate: true, attributes: { hair_color: 'auburn' } },
        { 'Idempotency-Key': 'intent-replay-1' },
      );
      expect(again.headers.get('aurous-idempotent-replayed')).toBe('true');
      expect((again.body as Character).id).toBe(first.id);
      const rows = await app.started.team.db.select().from(auditLog).where(eq(auditLog.characterId, first.id));
      expect(rows).toHaveLength(1);
      // The same key from another scope is not a replay of this one.
      const other = await api(app.origin, creator1).synthesize('Replayed once', { 'Idempotency-Key': 'intent-replay-1' });
      expect(other.id).not.toBe(first.id);
    });

    it('a character deleted through the API directly is pruned from the index when the API answers 404', async () => {
      const as = api(app.origin, creator1);
      const made = await as.synthesize('Deleted behind our back');
      expect(await as.listed()).toContain(made.id);
      // The team's backend deletes it directly (synthesizing: a soft delete, then 404 on read).
      expect((await direct(app.origin, 'DELETE', `/v1/characters/${made.id}`)).status).toBe(200);
      expect((await as.call('GET', `/api/v1/characters/${made.id}`)).status).toBe(404);
      expect(await app.started.team.db.select().from(characterTable).where(eq(characterTable.id, made.id))).toEqual([]);
      expect(await as.listed()).not.toContain(made.id);
    });

    it('a delete through the console leaves no listed row, and is audited', async () => {
      const as = api(app.origin, creator1);
      const made = await as.synthesize('Deleted by its creator');
      expect((await as.call('DELETE', `/api/v1/characters/${made.id}`)).status).toBe(200);
      expect(await as.listed()).not.toContain(made.id);
      const rows = await app.started.team.db.select().from(auditLog).where(eq(auditLog.characterId, made.id));
      expect(rows.map((row) => row.action)).toEqual(['synthesize', 'delete']);
    });
  });
});
