/**
 * The character sync (server/scope/sync.ts): a character the team's backend makes through the API
 * directly reaches the review queue; exactly one copy syncs and another takes over when it stops or
 * dies; the walk is resumable and prunes what the API no longer knows; a 429 backs it off. And two
 * console copies on one database agree on the index. On PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../contract/aurous';
import { startTeam } from '../../server/auth/start-team';
import type { ConsoleDatabase } from '../../server/db/database';
import { character as characterTable, syncState } from '../../server/db/schema';
import { createCharacterSync, type CharacterSync } from '../../server/scope/sync';
import type { Upstream } from '../../server/upstream';
import { createConsoleApp } from '../../server/app';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { serveApp, type Served } from './http-helpers';
import { api, direct, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SYNTH = { generate: true, attributes: { hair_color: 'teal' } };

describe.each(DRIVERS)('the character sync on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  let reviewer: Caller;
  let owner: Caller;
  let creator: Caller;
  const syncs: CharacterSync[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    app = await startScopedConsole(fresh.options);
    reviewer = await person(app.origin, 'reviewer@sandbox.test');
    owner = await person(app.origin, 'owner@sandbox.test');
    creator = await person(app.origin, 'creator-1@sandbox.test');
  });
  afterEach(async () => {
    await Promise.all(syncs.splice(0).map((sync) => sync.stop()));
  });
  afterAll(async () => {
    await app?.stop();
    await fresh?.drop();
  });

  const syncOf = (holder: string, options: { pageSize?: number; upstream?: Upstream; db?: ConsoleDatabase } = {}) => {
    const sync = createCharacterSync({
      db: (options.db ?? app.started.database).db,
      upstream: options.upstream ?? app.upstream,
      origin: app.origin,
      holder,
      pageSize: options.pageSize,
      log: () => undefined,
    });
    syncs.push(sync);
    return sync;
  };
  const db = () => app.started.team.db;
  const indexed = async (id: string) => (await db().select().from(characterTable).where(eq(characterTable.id, id)))[0];

  it('brings a character the team’s backend made through the API into the index and the review queue', async () => {
    const made = (await direct(app.origin, 'POST', '/v1/characters', { name: 'From the backend', ...SYNTH })).body as Character;
    // Not in the index yet: the reviewer's queue (and the owner's library) do not have it.
    expect(await api(app.origin, reviewer).listed('?status=synthesizing')).not.toContain(made.id);
    expect(await syncOf('copy-a').tick()).toBe('pass_done');
    expect(await api(app.origin, reviewer).listed('?status=synthesizing')).toContain(made.id);
    expect(await api(app.origin, owner).listed()).toContain(made.id);
    // Without an owner: not a creator's.
    expect(await api(app.origin, creator).listed()).not.toContain(made.id);
    expect((await api(app.origin, creator).call('GET', `/api/v1/characters/${made.id}`)).status).toBe(404);
    expect(await indexed(made.id)).toMatchObject({ ownerScope: null, name: 'From the backend', status: 'synthesizing' });
  });

  it('keeps a console-made character’s owner from its client_reference_id, even if the index lost its row', async () => {
    const made = await api(app.origin, creator).synthesize('Owned, row lost');
    await db().delete(characterTable).where(eq(characterTable.id, made.id));
    expect(await api(app.origin, creator).listed()).not.toContain(made.id);
    await syncOf('copy-a').tick();
    expect(await api(app.origin, creator).listed()).toContain(made.id);
    expect((await indexed(made.id))?.creatorPersonId).toBe(made.client_reference_id?.replace('person:', ''));
  });

  it('exactly one copy syncs; another takes over when it stops, or when its lease runs out', async () => {
    const a = syncOf('copy-a');
    const b = syncOf('copy-b');
    expect(await a.tick()).toBe('pass_done');
    expect(await b.tick()).toBe('not_holder');
    expect(await a.tick()).toBe('pass_done');
    expect(b.requests).toBe(0);
    await a.stop();
    expect(await b.tick()).toBe('pass_done');
    expect(await a.tick()).toBe('not_holder');
    // b dies without releasing: once its lease has run out, a takes over.
    await db()
      .update(syncState)
      .set({ leaseUntil: sql`now() - interval '1 second'` });
    expect(await a.tick()).toBe('pass_done');
    expect(await b.tick()).toBe('not_holder');
  });

  it('walks page by page, resumes from the stored cursor, looks at the newest page between, and prunes what a pass never saw', async () => {
    for (const name of ['Walk 1', 'Walk 2', 'Walk 3']) {
      expect((await direct(app.origin, 'POST', '/v1/characters', { name, ...SYNTH })).status).toBe(201);
    }
    // A row for a character the API never had (or no longer has).
    const at = new Date('2020-01-01T00:00:00Z');
    await db()
      .insert(characterTable)
      .values({ id: 'char_GONE', name: 'Gone', status: 'ready', createdAt: at, updatedAt: at, indexedAt: at });
    const first = syncOf('copy-a', { pageSize: 2 });
    expect(await first.tick()).toBe('page');
    const [state] = await db().select().from(syncState);
    expect(state?.cursor).toMatch(/^char_/);
    await first.stop();
    // Another copy carries on from the stored cursor (after one look at the newest page).
    const second = syncOf('copy-b', { pageSize: 2 });
    const results = [];
    for (let tick = 0; tick < 20; tick++) {
      const result = await second.tick();
      results.push(result);
      if (result === 'pass_done') break;
    }
    expect(results[0]).toBe('page');
    expect(results.at(-1)).toBe('pass_done');
    expect(await indexed('char_GONE')).toBeUndefined();
    expect((await db().select().from(syncState))[0]?.cursor).toBeNull();
  });

  it('backs off on 429 for its Retry-After, sending nothing meanwhile', async () => {
    let calls = 0;
    const limited: Upstream = {
      kind: 'aurous',
      apiKey: 'al_live_test',
      baseUrl: () => 'http://api.invalid',
      fetch: async () => {
        calls++;
        return new Response('{"error":{"type":"rate_limit","code":"rate_limited","message":"slow down"}}', {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
        });
      },
    };
    const sync = syncOf('copy-limited', { upstream: limited });
    expect(await sync.tick()).toBe('rate_limited');
    expect(await sync.tick()).toBe('backing_off');
    expect(await sync.tick()).toBe('backing_off');
    expect(calls).toBe(1);
    await db().update(syncState).set({ backoffUntil: null });
  });

  it('two console copies on one database agree on the index', async () => {
    // A second copy: its own start (pool, auth) on PostgreSQL; PGlite is one process's database, so it shares that.
    const other =
      driver === 'postgres'
        ? await startTeam({ database: fresh.options, upstreamKind: 'sandbox', listenOrigin: 'http://127.0.0.1:0' })
        : null;
    const copy: Served = await serveApp(createConsoleApp({ upstream: app.upstream, team: other?.team ?? app.started.team }));
    try {
      const made = await api(app.origin, creator).synthesize('Seen by both copies');
      const creatorOnCopy = await person(copy.origin, 'creator-1@sandbox.test');
      expect(await api(copy.origin, creatorOnCopy).listed()).toEqual(await api(app.origin, creator).listed());
      expect(await api(copy.origin, creatorOnCopy).listed()).toContain(made.id);
      expect(await api(copy.origin, await person(copy.origin, 'creator-2@sandbox.test')).listed()).not.toContain(made.id);
      // A rename through one copy is what the other lists.
      expect(
        (await api(copy.origin, creatorOnCopy).call('PATCH', `/api/v1/characters/${made.id}`, { name: 'Renamed on the copy' })).status,
      ).toBe(200);
      expect(await api(app.origin, creator).listed('?q=renamed%20on')).toEqual([made.id]);
    } finally {
      await copy.close();
      await other?.database.close();
    }
  });
});
