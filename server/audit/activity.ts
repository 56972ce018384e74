/**
 * Spend per person per day, from the audit log: the date range a request asks for, folding the
 * database's grouped counts into the report, and the CSV export. Pure functions; the routes that
 * read the database are in ./activity-routes.ts.
 */
import {
  ACTIVITY_DEFAULT_DAYS,
  ACTIVITY_MAX_DAYS,
  type ActivityActor,
  type ActivityDay,
  type ActivityReport,
  type ActivityRow,
} from '../../contract/activity';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export class ActivityRangeError extends Error {
  constructor(
    readonly param: 'from' | 'to',
    message: string,
  ) {
    super(message);
    this.name = 'ActivityRangeError';
  }
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function parseDay(value: string, param: 'from' | 'to'): Date {
  const match = DAY.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || isoDay(date) !== value)
    throw new ActivityRangeError(param, `${param} must be a date like 2026-01-31 (YYYY-MM-DD, UTC), not "${value}".`);
  return date;
}

export interface DayRange {
  from: string;
  to: string;
  /** The first instant in range, and the first one after it. */
  start: Date;
  end: Date;
}

/** `from` and `to` are inclusive UTC days; either may be left out (default: the last 30 days to today). */
export function dayRange(query: { from?: string | undefined; to?: string | undefined }, now: Date = new Date()): DayRange {
  const to = query.to ? parseDay(query.to, 'to') : parseDay(isoDay(now), 'to');
  const from = query.from ? parseDay(query.from, 'from') : new Date(to.getTime() - (ACTIVITY_DEFAULT_DAYS - 1) * DAY_MS);
  if (from > to) throw new ActivityRangeError('from', `from (${isoDay(from)}) is after to (${isoDay(to)}).`);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  if (days > ACTIVITY_MAX_DAYS)
    throw new ActivityRangeError('from', `A report spans at most ${ACTIVITY_MAX_DAYS} days; this one spans ${days}.`);
  return { from: isoDay(from), to: isoDay(to), start: from, end: new Date(to.getTime() + DAY_MS) };
}

/** One group from the database: a day, an actor, an action, how many and the credits they cost. */
export interface GroupedActivity {
  day: string;
  personId: string | null;
  subject: string | null;
  /** The person's email now (when still on the team), else the label the entry was written with. */
  label: string | null;
  action: string;
  count: number;
  credits: number;
}

export function actorOf(group: Pick<GroupedActivity, 'personId' | 'subject' | 'label'>): ActivityActor {
  if (group.personId) return { kind: 'person', id: group.personId, label: group.label ?? group.personId };
  if (group.subject) return { kind: 'subject', id: group.subject, label: group.label ?? group.subject };
  // A removed person keeps their email as the label; a seed or a script its name.
  const label = group.label ?? 'unknown';
  return { kind: label.includes('@') ? 'person' : 'other', id: null, label };
}

const actorKey = (actor: ActivityActor) => `${actor.kind}:${actor.id ?? `label:${actor.label}`}`;

/** Folds the groups into one row per actor per day, newest day first and most credits first. */
export function aggregateActivity(groups: readonly GroupedActivity[], range: Pick<DayRange, 'from' | 'to'>): ActivityReport {
  const days = new Map<string, Map<string, ActivityRow>>();
  for (const group of groups) {
    const actor = actorOf(group);
    const rows = days.get(group.day) ?? new Map<string, ActivityRow>();
    days.set(group.day, rows);
    const key = actorKey(actor);
    const row = rows.get(key) ?? { day: group.day, actor, actions: {}, action_count: 0, credits: 0 };
    rows.set(key, row);
    row.actions[group.action] = (row.actions[group.action] ?? 0) + group.count;
    row.action_count += group.count;
    row.credits += group.credits;
  }
  const report: ActivityDay[] = [...days]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([day, rows]) => {
      const sorted = [...rows.values()].sort(
        (a, b) => b.credits - a.credits || b.action_count - a.action_count || a.actor.label.localeCompare(b.actor.label),
      );
      return {
        day,
        rows: sorted,
        action_count: sorted.reduce((sum, row) => sum + row.action_count, 0),
        credits: sorted.reduce((sum, row) => sum + row.credits, 0),
      };
    });
  return {
    from: range.from,
    to: range.to,
    days: report,
    totals: {
      action_count: report.reduce((sum, day) => sum + day.action_count, 0),
      credits: report.reduce((sum, day) => sum + day.credits, 0),
    },
  };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return) is prefixed with an apostrophe; a cell with a comma, quote or line break is
 * quoted, its quotes doubled. Numbers we computed are written as they are.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export const csvLine = (cells: readonly (string | number)[]) => cells.map(csvCell).join(',');

/** One row per actor per day (oldest first, as a sheet reads), a column per action kind. */
export function activityCsv(report: ActivityReport, actions: readonly string[]): string {
  const known = new Set(actions);
  const extra = [...new Set(report.days.flatMap((day) => day.rows.flatMap((row) => Object.keys(row.actions))))]
    .filter((a) => !known.has(a))
    .sort();
  const columns = [...actions, ...extra];
  const lines = [csvLine(['day', 'actor', 'actor_type', ...columns, 'total_actions', 'credits'])];
  for (const day of [...report.days].reverse()) {
    for (const row of day.rows) {
      lines.push(
        csvLine([
          row.day,
          row.actor.label,
          row.actor.kind,
          ...columns.map((action) => row.actions[action] ?? 0),
          row.action_count,
          row.credits,
        ]),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
