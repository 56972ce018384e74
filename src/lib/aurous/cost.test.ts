import { describe, expect, it } from 'vitest';
import { COST } from '../../../contract/constants';
import { formatCost, formatCredits, GENERATIONS } from './cost';

describe('costs, in credits', () => {
  it('counts credits with the plural form and grouped digits', () => {
    expect(formatCredits(0)).toBe('0 credits');
    expect(formatCredits(1)).toBe('1 credit');
    expect(formatCredits(1000)).toMatch(/^1\D?000 credits$/);
  });
  it('explains a price by its generations only where there are several', () => {
    expect(formatCost('synthesize')).toBe('4 credits (4 generations, one per pose)');
    expect(formatCost('resynthesize')).toBe('4 credits (4 generations, one per pose)');
    expect(formatCost('regenerate')).toBe('1 credit');
  });
  it('prices one generation at one credit, as the balance moves', () => {
    for (const action of Object.keys(COST) as (keyof typeof COST)[]) expect(COST[action]).toBe(GENERATIONS[action]);
  });
});
