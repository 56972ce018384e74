/**
 * The library's index query (server/scope/character-index.ts `listIndexed`): search by name, the
 * status filter and the four sorts are SQL, and every sort pages by its keyset without a repeat
 * or a gap. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { characterIndexQuery, type CharacterIndexInput } from '../../contract/character-index-query';
import { openDatabase, type ConsoleDatabase } from '../../server/db/database';
import { indexAnswers, listIndexed, markDeleted } from '../../server/scope/character-index';
import type { Access } from '../../server/scope/scope';
import { answer } from './answers';
import { DRIVERS, freshDatabase, type FreshDatabase } from './databases';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const ALL: Access = { kind: 'all' };
const ROWS = [
  answer(1, 'aurora', 'ready', 50),
  answer(2, 'Brann', 'reviewing', 2),
  answer(3, 'Cleo', 'failed', 30),
  answer(4, 'dmitri', 'synthesizing', 40),
  answer(5, 'Esme', 'reviewing', 60),
  answer(6, 'Aurora', 'ready', 6),
  answer(7, '100% Farah_', 'reviewing', 7, 'person:p2'),
  answer(8, 'Gone', 'reviewing', 80),
];

describe.each(DRIVERS)('the library index on %s', (driver) => {
  let fresh: FreshDatabase;
  let database: ConsoleDatabase;
  const list = async (input: CharacterIndexInput, access: Access = ALL) =>
    listIndexed(database.db, access, characterIndexQuery.parse(input));
  const names = async (input: CharacterIndexInput, access?: Access) => (await list(input, access)).data.map((row) => row.name);
  /** Every page of a query, a `limit` at a time, following the cursor. */
  async function walk(input: CharacterIndexInput): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const answer = await list({ ...input, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...answer.data.map((row) => row.id));
      if (!answer.has_more) return seen;
      cursor = answer.next_cursor ?? undefined;
    }
    throw new Error('the cursor never ended');
  }

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    database = await openDatabase(fresh.options);
    await indexAnswers(database.db, ROWS);
    await markDeleted(database.db, 'char_0008');
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  it('sorts newest first by change or by creation, A–Z by name (any case), or by what needs someone', async () => {
    expect(await names({ sort: 'updated' })).toEqual(['Esme', 'aurora', 'dmitri', 'Cleo', '100% Farah_', 'Aurora', 'Brann']);
    expect(await names({ sort: 'created' })).toEqual(['100% Farah_', 'Aurora', 'Esme', 'dmitri', 'Cleo', 'Brann', 'aurora']);
    // Equal names (any case) keep a fixed order, by id.
    expect(await names({ sort: 'name' })).toEqual(['100% Farah_', 'aurora', 'Aurora', 'Brann', 'Cleo', 'dmitri', 'Esme']);
    // Reviewing first (newest change first), then failed, synthesizing, ready; deleted never.
    expect(await names({ sort: 'status' })).toEqual(['Esme', '100% Farah_', 'Brann', 'Cleo', 'dmitri', 'aurora', 'Aurora']);
  });

  it('pages every sort by its cursor with no repeat and no gap', async () => {
    for (const sort of ['updated', 'created', 'name', 'status'] as const) {
      const whole = (await list({ sort, limit: 100 })).data.map((row) => row.id);
      expect(whole).toHaveLength(7);
      expect(await walk({ sort }), sort).toEqual(whole);
      expect(await walk({ sort, status: 'reviewing' }), `${sort}, reviewing`).toEqual(
        whole.filter((id) => ROWS.find((row) => row.id === id)?.status === 'reviewing'),
      );
    }
  });

  it('searches part of a name in any case, taking % and _ literally, with the filter and the sort', async () => {
    expect(await names({ q: 'AUROR', sort: 'name' })).toEqual(['aurora', 'Aurora']);
    expect(await names({ q: '%' })).toEqual(['100% Farah_']);
    expect(await names({ q: 'h_' })).toEqual(['100% Farah_']);
    expect(await names({ q: 'r', status: 'reviewing', sort: 'name' })).toEqual(['100% Farah_', 'Brann']);
    expect(await names({ q: 'nobody' })).toEqual([]);
    // The search is on the index, within what the access reaches.
    expect(await names({ q: 'a', sort: 'name' }, { kind: 'owner', scope: 'person:p2' })).toEqual(['100% Farah_']);
  });

  it('refuses a sort it does not know, naming the ones it does', () => {
    const bad = characterIndexQuery.safeParse({ sort: 'size' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('sort must be one of "updated", "created", "name", "status".');
  });
});
