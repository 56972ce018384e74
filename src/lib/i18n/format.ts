/**
 * Numbers, sizes and times in the reader's locale (`Intl`, locale from the browser). Every
 * formatter takes an optional locale so tests can pin one.
 */
type Locale = string | undefined;

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

export function formatNumber(value: number, locale?: Locale): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

export function formatPercent(fraction: number, locale?: Locale): string {
  return cached(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(
    fraction,
  );
}

const BYTE_UNITS = [
  ['byte', 1],
  ['kilobyte', 1024],
  ['megabyte', 1024 ** 2],
  ['gigabyte', 1024 ** 3],
] as const;

/** 1024-based, like file managers: "812 bytes", "2.4 MB". */
export function formatBytes(bytes: number, locale?: Locale): string {
  let [unit, size]: readonly [Intl.NumberFormatOptions['unit'] & string, number] = BYTE_UNITS[0];
  for (const candidate of BYTE_UNITS) if (bytes >= candidate[1]) [unit, size] = candidate;
  return cached(
    `b:${unit}:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }),
  ).format(bytes / size);
}

/** A wait in whole seconds: "8 sec", "1 sec". */
export function formatSeconds(seconds: number, locale?: Locale): string {
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
export function formatRelativeTime(time: number | string | Date, now: number = Date.now(), locale?: Locale): string {
  const then = typeof time === 'number' ? time : new Date(time).getTime();
  let delta = (then - now) / 1000;
  if (Math.abs(delta) < 45) {
    return cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })).format(0, 'second');
  }
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) {
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
export function formatDateTime(time: number | string | Date, locale?: Locale): string {
  return cached(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(
    new Date(time),
  );
}

/** "a, b and c" in the reader's language. */
export function formatList(items: readonly string[], locale?: Locale): string {
  return cached(`l:${locale}`, () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items);
}
