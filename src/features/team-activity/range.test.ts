import { describe, expect, it } from 'vitest';
import { defaultRange, formatDay, isReversed, rangeFromSearch } from './range';

const now = Date.parse('2026-03-15T23:30:00Z');

describe('the Activity page’s date range', () => {
  it('defaults to the last 30 UTC days, today included', () => {
    expect(defaultRange(now)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
  });

  it('reads the address, falling back per end when a value is not a day', () => {
    expect(rangeFromSearch('?from=2026-01-01&to=2026-01-31', now)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(rangeFromSearch('?from=yesterday', now)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(rangeFromSearch('?to=2026-03-01', now)).toEqual({ from: '2026-02-14', to: '2026-03-01' });
  });

  it('knows a reversed range', () => {
    expect(isReversed({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(isReversed({ from: '2026-03-01', to: '2026-03-01' })).toBe(false);
  });

  it('names a UTC day the same wherever the reader is', () => {
    expect(formatDay('2026-03-02', 'en-US')).toBe('Monday, March 2, 2026');
  });
});
