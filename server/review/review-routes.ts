/**
 * The review queue's team routes (contract/review.ts), for signed-in people only (an embed session
 * never reaches them):
 *   GET    /api/review/claims              live claims on the characters the caller reaches
 *   POST   /api/review/claims/:id          claim (or renew) a character: 200, or 409 with who holds it
 *   DELETE /api/review/claims/:id          release it: the holder, or an owner or admin for anyone's
 *   GET    /api/review/decisions           the decision log, newest first (`mine=1`: the caller's)
 *   GET    /api/review/decisions/export    the same as a download (`format=csv|json`)
 *   GET    /api/review/stats               the team QA page's figures
 * The log and the figures are the team's: owners, admins and reviewers see everyone's; a creator
 * sees only their own decisions.
 */
import type { Context, Hono } from 'hono';
import {
  CLAIM_TTL_MS,
  REVIEW_CLAIMS_PATH,
  REVIEW_DECISIONS_PATH,
  REVIEW_EXPORT_PATH,
  REVIEW_STATS_PATH,
  type ClaimTaken,
} from '../../contract/review';
import type { ConsoleAuth } from '../auth/auth';
import { notSignedIn, personOf, type Person } from '../auth/person';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { reaches } from '../scope/character-index';
import { personViewer } from '../scope/scope';
import { listClaims, releaseClaim, takeClaim } from './claims';
import { allDecisions, listDecisions, type DecisionFilter } from './decision-log';
import { decisionsCsv, qaReport } from './qa-report';

export const DEFAULT_RANGE_MS = 24 * 60 * 60 * 1000;
export const MAX_RANGE_MS = 92 * 24 * 60 * 60 * 1000;
const PAGE_DEFAULT = 100;
const PAGE_MAX = 500;

const seesTeam = (person: Person) => person.role !== 'creator';

export function mountReviewRoutes(
  app: Hono,
  { db, auth, claimTtlMs = CLAIM_TTL_MS }: { db: Database; auth: ConsoleAuth; claimTtlMs?: number },
) {
  async function signedIn(c: Context): Promise<Person | Response> {
    const person = await personOf(auth, c);
    c.header('Cache-Control', 'no-store');
    return person ?? notSignedIn(c);
  }

  const noSuchCharacter = (c: Context, id: string) =>
    consoleError(c, 404, 'not_found', 'resource_not_found', `No such character: ${id}.`, 'character_id');

  app.get(REVIEW_CLAIMS_PATH, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    return c.json({ object: 'list', data: await listClaims(db, personViewer(person).access) });
  });

  app.post(`${REVIEW_CLAIMS_PATH}/:id`, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    const id = c.req.param('id');
    if (!(await reaches(db, personViewer(person).access, id))) return noSuchCharacter(c, id);
    const result = await takeClaim(db, id, person.id, claimTtlMs);
    if (result.ok) return c.json(result.claim);
    const refused = consoleError(c, 409, 'invalid_request', 'claimed', `${result.claim.holder.name} is reviewing this character.`);
    const body = (await refused.json()) as Pick<ClaimTaken, 'error'>;
    return c.json({ ...body, claim: result.claim } satisfies ClaimTaken, 409);
  });

  app.delete(`${REVIEW_CLAIMS_PATH}/:id`, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    const id = c.req.param('id');
    const admin = person.role === 'owner' || person.role === 'admin';
    if (!(await reaches(db, personViewer(person).access, id))) return noSuchCharacter(c, id);
    const released = await releaseClaim(db, id, person.id, admin);
    return c.json({ character_id: id, released });
  });

  /** The filter of a log request, or the answer refusing it. */
  function filterOf(c: Context, person: Person): DecisionFilter | Response {
    const now = Date.now();
    const parse = (name: 'from' | 'to', fallback: number) => {
      const value = c.req.query(name);
      if (value === undefined || value === '') return fallback;
      const at = Date.parse(value);
      return Number.isFinite(at) ? at : null;
    };
    const to = parse('to', now);
    const from = parse('from', (to ?? now) - DEFAULT_RANGE_MS);
    if (from === null || to === null) {
      return consoleError(
        c,
        400,
        'invalid_request',
        'parameter_invalid',
        'from and to must be ISO 8601 times.',
        from === null ? 'from' : 'to',
      );
    }
    if (!(from < to) || to - from > MAX_RANGE_MS) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', 'from must be before to, at most 92 days apart.', 'from');
    }
    const mine = c.req.query('mine') === '1' || !seesTeam(person);
    return { from: new Date(from), to: new Date(to), personId: mine ? person.id : undefined };
  }

  app.get(REVIEW_DECISIONS_PATH, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    const filter = filterOf(c, person);
    if (filter instanceof Response) return filter;
    const cursor = c.req.query('cursor');
    const before = cursor ? Number(cursor) : undefined;
    if (before !== undefined && !Number.isSafeInteger(before)) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', 'cursor must be the next_cursor of the previous page.', 'cursor');
    }
    const limit = Number(c.req.query('limit') ?? PAGE_DEFAULT);
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `limit must be a whole number from 1 to ${PAGE_MAX}.`, 'limit');
    }
    const page = await listDecisions(db, filter, limit, before);
    const last = page.data.at(-1);
    return c.json({ object: 'list', data: page.data, has_more: page.hasMore, next_cursor: page.hasMore && last ? String(last.id) : null });
  });

  app.get(REVIEW_EXPORT_PATH, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    const filter = filterOf(c, person);
    if (filter instanceof Response) return filter;
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') {
      return consoleError(c, 400, 'invalid_request', 'parameter_invalid', `format must be csv or json, not "${format}".`, 'format');
    }
    const entries = await allDecisions(db, filter);
    const name = `decisions-${filter.from.toISOString().slice(0, 16)}-to-${filter.to.toISOString().slice(0, 16)}`.replaceAll(':', '');
    if (format === 'json') {
      return c.body(JSON.stringify({ object: 'list', data: entries }, null, 2), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.json"`,
      });
    }
    return c.body(decisionsCsv(entries), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    });
  });

  app.get(REVIEW_STATS_PATH, async (c) => {
    const person = await signedIn(c);
    if (person instanceof Response) return person;
    const filter = filterOf(c, person);
    if (filter instanceof Response) return filter;
    return c.json(qaReport(await allDecisions(db, filter), filter));
  });
}
