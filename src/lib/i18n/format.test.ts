import { expect, it } from 'vitest';
import { formatBytes, formatDuration, formatList, formatMinutes, formatPercent, formatRelativeTime, formatSeconds } from './format';

const NOW = Date.parse('2026-11-23T12:00:00Z');

it('formats sizes with 1024-based units, as file managers do', () => {
  expect(formatBytes(0, 'en')).toBe('0 bytes');
  expect(formatBytes(812, 'en')).toBe('812 bytes');
  expect(formatBytes(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
  expect(formatBytes(10 * 1024 * 1024, 'de')).toBe('10 MB');
  expect(formatBytes(1536, 'de')).toBe('1,5 kB');
});

it('formats relative times, saying "now" for the last few seconds', () => {
  expect(formatRelativeTime(NOW - 10_000, NOW, 'en')).toBe('now');
  expect(formatRelativeTime(NOW - 2 * 60_000, NOW, 'en')).toBe('2 min. ago');
  expect(formatRelativeTime(NOW - 3 * 3_600_000, NOW, 'en')).toBe('3 hr. ago');
  expect(formatRelativeTime(NOW - 86_400_000, NOW, 'en')).toBe('yesterday');
  expect(formatRelativeTime(new Date(NOW - 2 * 60_000).toISOString(), NOW, 'fr').replace(/\s/g, ' ')).toBe('il y a 2 min');
});

it('formats percentages, waits and lists in the given locale', () => {
  expect(formatPercent(0.912, 'en')).toBe('91%');
  expect(formatSeconds(7.2, 'en')).toBe('8 sec');
  expect(formatList(['a.png', 'b.png', 'c.png'], 'en')).toBe('a.png, b.png, and c.png');
});

it('never shows a unit at its rollover: 60 seconds is a minute, 1,024 kB is a megabyte', () => {
  expect(formatRelativeTime(NOW - 59_600, NOW, 'en')).toBe('1 min. ago');
  expect(formatRelativeTime(NOW - 59.7 * 60_000, NOW, 'en')).toBe('1 hr. ago');
  expect(formatRelativeTime(NOW - 23.6 * 3_600_000, NOW, 'en')).toBe('yesterday');
  expect(formatBytes(1_048_535, 'en')).toBe('1 MB');
  expect(formatBytes(1023, 'en')).toBe('1 kB');
});

it('formats minutes and one-decimal durations', () => {
  expect(formatMinutes(3, 'en')).toBe('3 min');
  expect(formatDuration(0.84, 'en')).toBe('0.8 sec');
});
