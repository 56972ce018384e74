/**
 * The admin "Activity" page's data, for owners and admins only (401 signed out, 403 otherwise):
 *   GET /api/team/activity?from=&to=       spend per person (or embed subject) per day, as JSON
 *   GET /api/team/activity.csv?from=&to=   the same as a CSV download, one row per person per day
 *   GET /api/team/activity.json?from=&to=&cursor=&limit=   the raw audit entries in the range, paged
 *     (also `activity.csv?format=json`)
 */
import type { Context, Hono } from 'hono';
import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { ActivityEntry, ActivityEntryPage } from '../../contract/activity';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { AUDIT_ACTIONS, auditLog, user } from '../db/schema';
import type { ConsoleAuth } from '../auth/auth';
import { notSignedIn, personOf } from '../auth/person';
import { activityCsv, actorOf, aggregateActivity, ActivityRangeError, dayRange, type DayRange, type GroupedActivity } from './activity';

export const ENTRIES_DEFAULT_LIMIT = 100;
export const ENTRIES_MAX_LIMIT = 1000;

export async function groupedActivity(db: Database, range: Pick<DayRange, 'start' | 'end'>): Promise<GroupedActivity[]> {
  const day = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      personId: auditLog.actorPersonId,
      subject: auditLog.actorSubject,
      label: sql<string | null>`coalesce(max(${user.email}), ${auditLog.actorLabel})`,
      action: auditLog.action,
      count: sql<number>`count(*)::int`,
      credits: sql<number>`coalesce(sum(${auditLog.credits}), 0)::int`,
    })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorPersonId))
    .where(and(gte(auditLog.at, range.start), lt(auditLog.at, range.end)))
    .groupBy(day, auditLog.actorPersonId, auditLog.actorSubject, auditLog.actorLabel, auditLog.action);
  return rows.map((row) => ({ ...row, count: Number(row.count), credits: Number(row.credits) }));
}

async function entries(db: Database, range: Pick<DayRange, 'start' | 'end'>, after: number, limit: number): Promise<ActivityEntryPage> {
  const rows = await db
    .select({ entry: auditLog, email: user.email })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorPersonId))
    .where(and(gte(auditLog.at, range.start), lt(auditLog.at, range.end), gt(auditLog.id, after)))
    .orderBy(asc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const data: ActivityEntry[] = page.map(({ entry, email }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    actor: actorOf({ personId: entry.actorPersonId, subject: entry.actorSubject, label: email ?? entry.actorLabel }),
    action: entry.action,
    character_id: entry.characterId,
    credits: entry.credits,
    details: entry.details,
  }));
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return { object: 'list', data, has_more: hasMore, next_cursor: hasMore && last ? String(last.entry.id) : null };
}

function positiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  return /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export function mountActivityRoutes(app: Hono, { db, auth }: { db: Database; auth: ConsoleAuth }): void {
  /** The range, or the answer refusing the request (not signed in, not an admin, bad dates). */
  async function authorised(c: Context): Promise<DayRange | Response> {
    const person = await personOf(auth, c);
    if (!person) return notSignedIn(c);
    if (person.role !== 'owner' && person.role !== 'admin') {
      return consoleError(
        c,
        403,
        'authentication',
        'insufficient_role',
        `The team's activity is for owners and admins; you are a ${person.role}.`,
      );
    }
    c.header('Cache-Control', 'no-store');
    try {
      return dayRange({ from: c.req.query('from'), to: c.req.query('to') });
    } catch (error) {
      if (!(error instanceof ActivityRangeError)) throw error;
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', error.message, error.param);
    }
  }

  async function rawEntries(c: Context, range: DayRange): Promise<Response> {
    const after = positiveInt(c.req.query('cursor'), 0);
    if (after === null)
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', 'cursor must be the next_cursor of the previous page.', 'cursor');
    const limit = positiveInt(c.req.query('limit'), ENTRIES_DEFAULT_LIMIT);
    if (limit === null || limit < 1 || limit > ENTRIES_MAX_LIMIT) {
      return consoleError(
        c,
        400,
        'invalid_request',
        'parameter_invalid',
        `limit must be a whole number from 1 to ${ENTRIES_MAX_LIMIT}.`,
        'limit',
      );
    }
    return c.json(await entries(db, range, after, limit));
  }

  app.get('/api/team/activity', async (c) => {
    const range = await authorised(c);
    if (range instanceof Response) return range;
    return c.json(aggregateActivity(await groupedActivity(db, range), range));
  });

  app.get('/api/team/activity.json', async (c) => {
    const range = await authorised(c);
    if (range instanceof Response) return range;
    return rawEntries(c, range);
  });

  app.get('/api/team/activity.csv', async (c) => {
    const range = await authorised(c);
    if (range instanceof Response) return range;
    const format = c.req.query('format') ?? 'csv';
    if (format === 'json') return rawEntries(c, range);
    if (format !== 'csv')
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `format must be csv or json, not "${format}".`, 'format');
    const csv = activityCsv(aggregateActivity(await groupedActivity(db, range), range), AUDIT_ACTIONS);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="activity-${range.from}-to-${range.to}.csv"`,
    });
  });
}
