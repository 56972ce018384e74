import { describe, expect, it } from 'vitest';
import type { Character } from '../../../contract/aurous';
import { currentIndex, orderQueue, pinnedPosition, type QueueInputs } from './queue-order';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const char = (id: string, minute: number, patch: Partial<Character> = {}): Character => ({
  id,
  object: 'character',
  name: id,
  status: 'reviewing',
  refs: [],
  created_at: at(minute),
  updated_at: at(minute + 1),
  attributes: null,
  error_message: null,
  aurous_version: '2026-05-15',
  ...patch,
});

const base = (rows: Character[], patch: Partial<QueueInputs> = {}): QueueInputs => ({
  rows,
  status: 'reviewing',
  direction: 'oldest',
  fresher: new Map(),
  hidden: new Set(),
  sentBackAt: new Map(),
  ...patch,
});
const ids = (inputs: QueueInputs) => orderQueue(inputs).map((item) => item.character.id);

// The API lists newest first.
const rows = [char('c', 30), char('b', 20), char('a', 10)];

describe('orderQueue', () => {
  it('walks oldest first or newest first', () => {
    expect(ids(base(rows))).toEqual(['a', 'b', 'c']);
    expect(ids(base(rows, { direction: 'newest' }))).toEqual(['c', 'b', 'a']);
  });

  it('drops what was decided here or changed elsewhere, trusting the newer copy', () => {
    const savedElsewhere = char('b', 20, { status: 'ready', updated_at: at(50) });
    const staleDetail = char('c', 30, { status: 'ready', updated_at: at(0) });
    const fresher = new Map([
      ['b', savedElsewhere],
      ['c', staleDetail],
    ]);
    expect(ids(base(rows, { fresher, hidden: new Set(['a']) }))).toEqual(['c']);
  });

  it('keeps a sent-back character out until it returns, then queues it last with a marker', () => {
    const sentBackAt = new Map([['a', at(40)]]);
    expect(ids(base(rows, { sentBackAt }))).toEqual(['b', 'c']);
    const back = char('a', 10, { updated_at: at(45) });
    const items = orderQueue(base([rows[0]!, rows[1]!, back], { sentBackAt }));
    expect(items.map((item) => [item.character.id, item.regenerated])).toEqual([
      ['b', false],
      ['c', false],
      ['a', true],
    ]);
  });

  it('keeps the character the reviewer stays on in its place while it is sent back, then queues it as returned', () => {
    const sentBackAt = new Map([['a', at(40)]]);
    const synthesizing = new Map([['a', char('a', 10, { status: 'synthesizing', updated_at: at(40) })]]);
    // In its grace period (hidden by the session), then synthesizing (a fresher copy), then off the list's pages.
    expect(
      orderQueue(base(rows, { hidden: new Set(['a']), staying: 'a' })).map((item) => [item.character.id, item.awaiting ?? false]),
    ).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(ids(base(rows, { fresher: synthesizing, sentBackAt, staying: 'a' }))).toEqual(['a', 'b', 'c']);
    expect(ids(base([rows[0]!, rows[1]!], { fresher: synthesizing, sentBackAt, staying: 'a' }))).toEqual(['a', 'b', 'c']);
    // Landed: a returned character, no longer awaiting.
    const back = char('a', 10, { updated_at: at(45) });
    const landed = orderQueue(base([rows[0]!, rows[1]!, back], { sentBackAt, staying: 'a' }));
    expect(landed.map((item) => [item.character.id, item.regenerated, item.awaiting ?? false])).toEqual([
      ['b', false, false],
      ['c', false, false],
      ['a', true, false],
    ]);
    // Once the reviewer moves on it no longer holds a place.
    expect(ids(base(rows, { fresher: synthesizing, sentBackAt, staying: null }))).toEqual(['b', 'c']);
  });

  it('ignores a row repeated across pages', () => {
    expect(ids(base([...rows, rows[2]!]))).toEqual(['a', 'b', 'c']);
  });
});

describe('currentIndex', () => {
  const items = orderQueue(base(rows));
  it('follows the character, and falls to its successor when it leaves', () => {
    expect(currentIndex(items, { id: 'b', index: 0 })).toBe(1);
    expect(currentIndex(items, { id: 'gone', index: 1 })).toBe(1);
    expect(currentIndex(items, { id: 'gone', index: 9 })).toBe(2);
    expect(currentIndex([], { id: null, index: 0 })).toBe(-1);
  });
});

describe('pinnedPosition', () => {
  it('pins the character on screen, so a claim another reviewer lets go of does not slide one under this reviewer', () => {
    // Someone else holds a: this reviewer's queue is b, c, and b is on screen after the first render.
    const withoutA = orderQueue(base(rows, { hidden: new Set(['a']) }));
    const pin = pinnedPosition(withoutA, { id: null, index: 0 });
    expect(pin).toEqual({ id: 'b', index: 0 });
    // They let go of a: it comes back ahead of b, and b stays on screen.
    const all = orderQueue(base(rows));
    expect(all[currentIndex(all, pin!)]?.character.id).toBe('b');
    expect(all[currentIndex(all, { id: null, index: 0 })]?.character.id).toBe('a');
  });

  it('moves the pin to whatever took the place of a character that left, and leaves a standing pin alone', () => {
    const items = orderQueue(base(rows));
    expect(pinnedPosition(items, { id: 'gone', index: 1 })).toEqual({ id: 'b', index: 1 });
    expect(pinnedPosition(items, { id: 'c', index: 0 })).toBeNull();
    expect(pinnedPosition([], { id: null, index: 0 })).toBeNull();
  });
});
