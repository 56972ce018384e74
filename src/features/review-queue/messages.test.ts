import { describe, expect, it } from 'vitest';
import { formatCost, formatCredits } from '../../lib/aurous/cost';
import { messages } from './messages';

describe('review-queue messages', () => {
  it('words counts by the plural rules, with the number formatted', () => {
    expect(messages.actionCost(formatCredits(1))).toBe('(1 credit)');
    expect(messages.actionCost(formatCredits(4))).toBe('(4 credits)');
    expect(messages.awaitingWhenClear(1)).toBe('1 regenerating character returns here when ready.');
    expect(messages.awaitingWhenClear(2)).toBe('2 regenerating characters return here when ready.');
    expect(messages.awaiting(1)).toMatch(/^1 sent back to synthesizing; it returns/);
    expect(messages.awaiting(3)).toMatch(/^3 sent back to synthesizing; each returns/);
    expect(messages.paidBody(formatCost('regenerate'))).toMatch(/^This costs 1 credit\./);
    expect(messages.paidBody(formatCost('resynthesize'))).toMatch(/^This costs 4 credits \(4 generations, one per pose\)\./);
  });

  it('marks a count that is still loading, and formats durations', () => {
    expect(messages.queueCount(10, true, 'reviewing', 'oldest first')).toBe('10 reviewing left · oldest first');
    expect(messages.queueCount(50, false, 'reviewing', 'oldest first')).toBe('50+ reviewing left · oldest first');
    expect(messages.position(3, 10, true, 'Side')).toBe('3 of 10 · Focused: Side');
    expect(messages.averageValue(0.84)).toBe('0.8 sec');
    expect(messages.zoomRatio(2)).toBe('2:1');
  });

  it('accessible names begin with the visible words', () => {
    expect(messages.keysName(messages.keys).startsWith(messages.keys)).toBe(true);
    expect(messages.pressKeyFor('Undo').startsWith(messages.pressKey)).toBe(true);
    expect(messages.changeKeyFor('Undo').startsWith(messages.change)).toBe(true);
  });
});
