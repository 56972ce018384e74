import { describe, expect, it } from 'vitest';
import { isSettled, pollInterval, POLL_BASE_MS, POLL_MAX_MS, synthesizingForMs } from './character-polling';

describe('the polling rule', () => {
  it('polls only while synthesizing, and stops by itself at every settled status', () => {
    expect(pollInterval('synthesizing', 0)).toBe(POLL_BASE_MS);
    for (const status of ['reviewing', 'ready', 'failed', 'deleted'] as const) {
      expect(isSettled(status)).toBe(true);
      expect(pollInterval(status, 0)).toBe(false);
    }
  });

  it('keeps polling while there is no data yet (the first fetch is still in flight)', () => {
    expect(isSettled(undefined)).toBe(false);
    expect(pollInterval(undefined, 0)).toBe(POLL_BASE_MS);
  });

  it('backs off gently on long runs and never past the cap', () => {
    expect(pollInterval('synthesizing', 59_000)).toBe(POLL_BASE_MS);
    const later = pollInterval('synthesizing', 120_000);
    expect(later).toBeGreaterThan(POLL_BASE_MS);
    expect(pollInterval('synthesizing', 60 * 60_000)).toBe(POLL_MAX_MS);
  });

  it('measures the run from the character’s own updated_at, so a reload resumes the back-off', () => {
    const updated_at = '2026-11-23T10:00:00.000Z';
    expect(synthesizingForMs({ updated_at }, Date.parse(updated_at) + 90_000)).toBe(90_000);
    expect(synthesizingForMs(undefined)).toBe(0);
    expect(synthesizingForMs({ updated_at: 'not a date' })).toBe(0);
  });
});
