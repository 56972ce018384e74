/**
 * The live hub (server/live/hub.ts) under a burst: many characters finishing at once (a sync page
 * of completions, a webhook each within a second) reach a stream complete and in order, and cost
 * one read of their rows, not one read per change, one after another (which made the last of a
 * burst wait for all the others). On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../contract/aurous';
import type { LiveEvent } from '../../contract/live-events';
import { openDatabase, type ConsoleDatabase } from '../../server/db/database';
import { createLiveHub, type LiveHub } from '../../server/live/hub';
import { announce, type ChangeNote } from '../../server/live/notify';
import { indexAnswers } from '../../server/scope/character-index';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const BURST = 30;

const character = (index: number, status: Character['status']): Character =>
  ({
    id: `char_burst_${String(index).padStart(2, '0')}`,
    object: 'character',
    name: `Burst ${index}`,
    status,
    refs: [],
    created_at: '2026-12-01T10:00:00.000Z',
    updated_at: status === 'synthesizing' ? '2026-12-01T10:00:00.000Z' : '2026-12-01T10:02:30.000Z',
    attributes: null,
    error_message: null,
    aurous_version: '2026-05-15',
    client_reference_id: null,
  }) as Character;

describe.each(DRIVERS)('the live hub on %s', (driver) => {
  let fresh: FreshDatabase;
  let database: ConsoleDatabase;
  let hub: LiveHub;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    database = await openDatabase(fresh.options);
    hub = createLiveHub({ db: database.db, listen: database.listen, sandbox: false });
    await hub.ready;
  });
  afterAll(async () => {
    await hub.close();
    await database.close();
    await fresh.drop();
  });

  it('a burst of completions in one write reaches a stream complete, in order, with one read of the rows', async () => {
    const ids = Array.from({ length: BURST }, (_, i) => character(i, 'synthesizing').id);
    const events: LiveEvent[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const received = (count: number) =>
      new Promise<void>((resolve) => {
        if (events.length >= count) resolve();
        else waiters.push({ count, resolve });
      });
    hub.subscribe({
      viewer: { access: { kind: 'all' }, actor: { scope: null, personId: 'owner', subject: null, label: null } },
      origin: 'http://console.test',
      send(event) {
        events.push(event);
        for (const waiter of waiters.filter((w) => events.length >= w.count)) waiter.resolve();
      },
    });
    // They start synthesizing (the stream hears of each)…
    await indexAnswers(
      database.db,
      ids.map((_, i) => character(i, 'synthesizing')),
    );
    await received(BURST);
    // …and all finish at once: what the index's writer announces when one sync page (or a burst of
    // webhooks) moved them all.
    await database.db.execute(
      sql`update "character" set status = 'reviewing', character = jsonb_set(character, '{status}', '"reviewing"') where id like 'char_burst_%'`,
    );
    const reads = vi.spyOn(database.db, 'select');
    try {
      const notes: ChangeNote[] = ids.map((id) => ({
        kind: 'changed',
        id,
        scope: null,
        status: 'reviewing',
        updated_at: '2026-12-01T10:02:30.000Z',
        was: 'synthesizing',
      }));
      await announce(database.db, notes);
      await received(2 * BURST);
      const burst = events.slice(BURST);
      expect(burst.map((event) => (event.event === 'character.changed' ? event.data.character.id : event.event))).toEqual(ids);
      expect(burst.every((event) => event.event === 'character.changed' && event.data.character.status === 'reviewing')).toBe(true);
      expect(reads.mock.calls.length).toBe(1);
    } finally {
      reads.mockRestore();
    }
  });

  // A burst of webhooks is one write and one note each, on the copy that takes them while its
  // pages load what just finished: a read back per note on every copy waited for that copy's pool
  // and CPU, and the pages heard of a completion seconds after the API announced it, later than
  // the 5 s sync would have told them. The note carries the character as written.
  it('a completion written on its own reaches a stream without the hub reading the database', async () => {
    const starved = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key === 'select' || key === 'selectDistinct') {
          return () => {
            throw new Error('the pool is busy: no reads for the hub');
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const lean = createLiveHub({ db: starved, listen: database.listen, sandbox: false });
    await lean.ready;
    const events: LiveEvent[] = [];
    lean.subscribe({
      viewer: { access: { kind: 'all' }, actor: { scope: null, personId: 'owner', subject: null, label: null } },
      origin: 'http://console.test',
      send: (event) => events.push(event),
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await indexAnswers(database.db, [character(100, 'synthesizing')]);
      await indexAnswers(database.db, [character(100, 'reviewing')]);
      await vi.waitFor(
        () => {
          const shown = events.flatMap((event) => (event.event === 'character.changed' ? [event.data.character] : []));
          expect(shown.map((c) => [c.id, c.status, c.updated_at])).toEqual([
            ['char_burst_100', 'synthesizing', '2026-12-01T10:00:00.000Z'],
            ['char_burst_100', 'reviewing', '2026-12-01T10:02:30.000Z'],
          ]);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      errors.mockRestore();
      await lean.close();
    }
  });

  it('a character too large for a notification is still announced, and the hub reads it', async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = hub.subscribe({
      viewer: { access: { kind: 'all' }, actor: { scope: null, personId: 'owner', subject: null, label: null } },
      origin: 'http://console.test',
      send: (event) => events.push(event),
    });
    try {
      const large = { ...character(101, 'reviewing'), name: 'N'.repeat(9000) };
      await indexAnswers(database.db, [large]);
      await vi.waitFor(
        () => {
          const shown = events.flatMap((event) => (event.event === 'character.changed' ? [event.data.character] : []));
          expect(shown.map((c) => [c.id, c.name.length])).toEqual([['char_burst_101', 9000]]);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      unsubscribe();
    }
  });
});
