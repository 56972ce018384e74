import { describe, expect, it } from 'vitest';
import { formatCost } from '../../lib/aurous/cost';
import { messages } from './messages';

describe('characters messages', () => {
  it('picks the plural form from the number', () => {
    expect(messages.balance(1)).toBe('Your team has 1 credit available.');
    expect(messages.balance(1000)).toMatch(/^Your team has 1\D?000 credits available\.$/);
    expect(messages.availableCredits(0)).toBe('Available: 0 credits.');
    expect(messages.costs(formatCost('synthesize'))).toBe('Costs 4 credits (4 generations, one per pose).');
    expect(messages.resynthesizeCost(formatCost('resynthesize'))).toBe(
      'This costs 4 credits (4 generations, one per pose) and replaces every pose.',
    );
    expect(messages.regenerateCost(formatCost('regenerate'))).toBe('This costs 1 credit. The other poses stay as they are.');
  });
  it('formats durations with Intl', () => {
    expect(messages.elapsedSoFar(0, 42)).toBe('42 sec so far');
    expect(messages.elapsedSoFar(1, 5)).toBe('1 min 5 sec so far');
    expect(messages.synthesisExpectation(30, 90, false)).toContain('usually takes 30–90 seconds.');
  });
});
