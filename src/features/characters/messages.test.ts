import { describe, expect, it } from 'vitest';
import { messages } from './messages';

describe('characters messages', () => {
  it('picks the plural form from the number', () => {
    expect(messages.balance(1)).toBe('Your team has 1 credit available.');
    expect(messages.balance(1000)).toMatch(/^Your team has 1\D?000 credits available\.$/);
    expect(messages.availableCredits(0)).toBe('Available: 0 credits.');
    expect(messages.costs(1)).toBe('Costs 1 generation.');
    expect(messages.resynthesizeCost(4)).toBe('This costs 4 generations and replaces every pose.');
  });
  it('formats durations with Intl', () => {
    expect(messages.elapsedSoFar(0, 42)).toBe('42 sec so far');
    expect(messages.elapsedSoFar(1, 5)).toBe('1 min 5 sec so far');
    expect(messages.synthesisExpectation(30, 90, false)).toContain('usually takes 30–90 seconds.');
  });
});
