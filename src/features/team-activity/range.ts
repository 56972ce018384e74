/** The page's date range: inclusive UTC days, `YYYY-MM-DD`, kept in the address (?from=&to=). */
import { ACTIVITY_DEFAULT_DAYS } from '../../../contract/activity';

export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last 30 days, today (UTC) included. */
export function defaultRange(now: number = Date.now()): DayRange {
  return { from: isoDay(now - (ACTIVITY_DEFAULT_DAYS - 1) * DAY_MS), to: isoDay(now) };
}

/** The range in the address, each end falling back to the default when missing or not a day. */
export function rangeFromSearch(search: string, now: number = Date.now()): DayRange {
  const params = new URLSearchParams(search);
  const fallback = defaultRange(now);
  const pick = (name: keyof DayRange) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : fallback[name];
  };
  return { from: pick('from'), to: pick('to') };
}

export const isReversed = ({ from, to }: DayRange) => from > to;

export const rangeQuery = ({ from, to }: DayRange) => new URLSearchParams({ from, to }).toString();

/** "Monday, 2 March 2026" for a UTC day, in the reader's locale. */
export function formatDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "2 Mar 2026" */
export function formatShortDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
