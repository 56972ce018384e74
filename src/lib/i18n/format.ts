/**
 * Numbers, sizes and times with `Intl`, in the UI's locale (see `uiLocale`: the reader's locale
 * when the console's words exist in its language). Every formatter takes an optional locale so
 * tests can pin one.
 */
import { uiLocale } from './messages';

type Locale = string | undefined;
const defaultLocale = uiLocale();

const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function formatNumber(value: number, locale: Locale = defaultLocale): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

export function formatPercent(fraction: number, locale: Locale = defaultLocale): string {
  return cached(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(fraction);
}

const BYTE_UNITS = [
  ['byte', 1],
  ['kilobyte', 1024],
  ['megabyte', 1024 ** 2],
  ['gigabyte', 1024 ** 3],
] as const;

/** 1024-based, like file managers: "812 bytes", "2.4 MB". */
export function formatBytes(bytes: number, locale: Locale = defaultLocale): string {
  let [unit, size]: readonly [Intl.NumberFormatOptions['unit'] & string, number] = BYTE_UNITS[0];
  // Chosen on the rounded value, so 1,048,535 bytes reads "1 MB", not "1,024 kB".
  for (const candidate of BYTE_UNITS) if (Math.round((bytes / candidate[1]) * 10) / 10 >= 1) [unit, size] = candidate;
  return cached(
    `b:${unit}:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }),
  ).format(bytes / size);
}

/** A duration in minutes: "3 min". */
export function formatMinutes(minutes: number, locale: Locale = defaultLocale): string {
  return cached(
    `m:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 }),
  ).format(minutes);
}

/** A short duration with one decimal: "0.8 sec", "12.5 sec". */
export function formatDuration(seconds: number, locale: Locale = defaultLocale): string {
  return cached(
    `ds:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 }),
  ).format(seconds);
}

/** A wait in whole seconds: "8 sec", "1 sec". */
export function formatSeconds(seconds: number, locale: Locale = defaultLocale): string {
  return cached(
    `s:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 }),
  ).format(Math.max(0, Math.ceil(seconds)));
}

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "now", "2 min. ago", "in 3 hr." — a time relative to `now`. */
export function formatRelativeTime(time: number | string | Date, now: number = Date.now(), locale: Locale = defaultLocale): string {
  const then = typeof time === 'number' ? time : new Date(time).getTime();
  let delta = (then - now) / 1000;
  if (Math.abs(delta) < 45) {
    return cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })).format(0, 'second');
  }
  for (const [unit, size] of RELATIVE_STEPS) {
    // Compared after rounding, so 59.6 s reads "1 min. ago", never "60 sec. ago".
    if (Math.abs(Math.round(delta)) < size) {
      return cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })).format(
        Math.round(delta),
        unit,
      );
    }
    delta /= size;
  }
  return '';
}

/** An exact date and time, for a tooltip or `<time title>` next to a relative time. */
export function formatDateTime(time: number | string | Date, locale: Locale = defaultLocale): string {
  return cached(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(time));
}

/** "a, b and c" in the reader's language. */
export function formatList(items: readonly string[], locale: Locale = defaultLocale): string {
  return cached(`l:${locale}`, () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items);
}
