import { describe, expect, it } from 'vitest';
import type { Character } from '../../../contract/aurous';
import type { CharacterStatus } from '../../../contract/constants';
import { planBulk, runBulk } from './bulk-actions';

const character = (id: string, status: CharacterStatus): Character => ({
  id,
  object: 'character',
  name: `Name ${id}`,
  status,
  refs: [],
  created_at: '2026-03-01T10:00:00Z',
  updated_at: '2026-03-01T10:00:00Z',
  attributes: null,
  error_message: null,
  aurous_version: '2026-06-19',
});

describe('bulk actions', () => {
  const selection = [character('a', 'reviewing'), character('b', 'ready'), character('c', 'reviewing'), character('d', 'failed')];

  it('saves only what the API would save, and says which it leaves alone', () => {
    const plan = planBulk('save', selection);
    expect(plan.targets.map((each) => each.id)).toEqual(['a', 'c']);
    expect(plan.skipped.map((each) => each.id)).toEqual(['b', 'd']);
    expect(planBulk('delete', selection).targets).toHaveLength(4);
  });

  it('goes on past a failure and names every character that failed, with its error, in order', async () => {
    const plan = planBulk('delete', selection);
    const progress: number[] = [];
    const outcome = await runBulk(
      plan,
      async (each) => {
        await new Promise((resolve) => setTimeout(resolve, each.id === 'a' ? 5 : 0));
        if (each.id === 'b' || each.id === 'd') throw new Error(`no ${each.id}`);
      },
      { concurrency: 2, onProgress: (finished) => progress.push(finished) },
    );
    expect(outcome.done.map((each) => each.id)).toEqual(['a', 'c']);
    expect(outcome.failed.map((each) => [each.character.id, (each.error as Error).message])).toEqual([
      ['b', 'no b'],
      ['d', 'no d'],
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('keeps to the concurrency it was given', async () => {
    let running = 0;
    let most = 0;
    const many = Array.from({ length: 9 }, (_, index) => character(`c${index}`, 'reviewing'));
    await runBulk(
      planBulk('save', many),
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
      },
      { concurrency: 3 },
    );
    expect(most).toBe(3);
  });

  it('does nothing, and says so, when nothing applies', async () => {
    const outcome = await runBulk(planBulk('save', [character('x', 'ready')]), () => Promise.reject(new Error('never')));
    expect(outcome).toEqual({ kind: 'save', done: [], failed: [] });
  });
});
