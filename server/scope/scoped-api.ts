/**
 * The scope layer in front of the API proxy, on every /api/v1/* call when the console has its
 * database: decides what the caller may reach (server/scope/scope.ts), answers lists from the
 * index, stamps creates with the caller's scope, keeps the index up to date from every answer and
 * writes the audit log. Out of scope is 404 in the API's words, never 403, and a write that is out
 * of scope never reaches the API (so it costs no credits and no rate budget).
 */
import { foreignUpload, keepUploadOwner } from './upload-owners';
import type { Context, MiddlewareHandler } from 'hono';
import { listCharactersQuery } from '../../contract/aurous';
import type { Character, DeletedCharacter } from '../../contract/aurous';
import { POSES, type Pose } from '../../contract/constants';
import { eq } from 'drizzle-orm';
import { character as characterTable } from '../db/schema';
import { matchEndpoint, type EndpointMatch } from '../../contract/endpoints';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import type { CapturedPose, PoseHistoryStore } from '../images/pose-history';
import { noSuchCharacter } from '../embed-ownership';
import { apiPathOf } from '../embed-path';
import { BodyTimeoutError, declaredLength, MAX_JSON_BODY_BYTES, readLimited, type ConsoleTimeouts } from '../limits';
import { auditedAction, scopedIdempotencyKey, writeAudit } from './audit';
import {
  addCost,
  answerReaches,
  characterOf,
  indexAnswers,
  indexCreated,
  listIndexed,
  markDeleted,
  pruneCharacter,
  reaches,
} from './character-index';
import { claimClassifications, keepClassification } from './classifications';
import { withRefsFrom } from './ref-origin';
import type { Viewer } from './scope';
import type { ViewerSource } from './viewer';
import type { Upstream } from '../upstream';
import { decisionActionOf, decisionGuard, type Admitted } from '../review/decision-guard';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ScopedApiOptions {
  db: Database;
  viewers: ViewerSource;
  timeouts: ConsoleTimeouts;
  /** The embedded sandbox signs ref URLs for whatever origin asked: lists from the index are re-pointed at the caller's. */
  sandbox: boolean;
  /**
   * Where decisions are checked against the character as it is now (server/review/): with it,
   * saves, regenerates, resynthesizes and deletes go one at a time per character and on the
   * version the person saw.
   */
  upstream?: Upstream;
  /** Keeps the old images of poses a regenerate or resynthesize replaces (server/images/pose-history.ts). */
  history?: PoseHistoryStore;
}

/** 404 for a character the caller may not reach (or that does not exist): answered here, the API never asked. */
const outOfScope = (c: Context, id: string) =>
  consoleError(c, 404, 'not_found', 'resource_not_found', `No such character: ${id}.`, 'character_id');

type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer>; json: Record<string, unknown> | null } | { ok: false; response: Response };

/** The JSON body, read once within the proxy's own limits, and put back for the proxy to send. */
async function readBody(c: Context, timeouts: ConsoleTimeouts): Promise<BodyRead> {
  const tooLarge = () => ({
    ok: false as const,
    response: consoleError(c, 413, 'invalid_request', 'body_too_large', 'The request body is over 1 MB.'),
  });
  const declared = declaredLength(c.req.header('content-length'));
  if (declared !== null && !(declared <= MAX_JSON_BODY_BYTES)) return tooLarge();
  let bytes: Uint8Array<ArrayBuffer> | null;
  try {
    bytes = await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES, timeouts.bodyMs);
  } catch (error) {
    if (!(error instanceof BodyTimeoutError)) throw error;
    c.header('Connection', 'close');
    const message = `The request body did not arrive within ${timeouts.bodyMs / 1000} s.`;
    return { ok: false, response: consoleError(c, 408, 'invalid_request', 'request_timeout', message) };
  }
  if (!bytes) return tooLarge();
  let json: unknown;
  try {
    json = bytes.byteLength ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  } catch {
    json = null;
  }
  return { ok: true, bytes, json: isRecord(json) ? json : null };
}

/** The request the proxy sends: a new body and headers, same method and URL. */
function replaceRequest(c: Context, body: Uint8Array<ArrayBuffer> | string | null, headers: Headers) {
  headers.delete('content-length');
  c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body });
}

async function answerJson(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  return response
    .clone()
    .json()
    .catch(() => null);
}

const ok = (status: number) => status >= 200 && status < 300;

/** An upload this caller did not start: as the API says of an upload that does not exist. */
const uploadNotFound = (c: Context, id: string, param: 'upload_id' | 'upload_ids') =>
  consoleError(c, 404, 'not_found', 'resource_not_found', `No such upload: ${id}.`, param);

export function scopedApi({ db, viewers, timeouts, sandbox, upstream, history }: ScopedApiOptions): MiddlewareHandler {
  const admitDecision = upstream ? decisionGuard({ db, upstream, timeoutMs: timeouts.upstreamMs }) : null;
  return async (c, next) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const api = apiPathOf(c);
    if (!api.ok) return consoleError(c, 400, 'invalid_request', 'invalid_path', api.message);
    const match = matchEndpoint(c.req.method === 'HEAD' ? 'GET' : c.req.method, api.path);
    if (!match) {
      // Only the endpoint table's paths reach characters; anything else is the API's to answer
      // for a caller who sees everything, and nobody else's.
      if (viewer.access.kind === 'all' || !api.path.startsWith('/v1/characters')) return next();
      return consoleError(c, 404, 'not_found', 'resource_not_found', 'No such API route.');
    }
    if (match.name === 'listCharacters') return list(c, next, viewer);
    if (match.name === 'createCharacter') return create(c, next, viewer, match);
    if (match.name === 'initUpload') {
      await next();
      const answer = await answerJson(c.res);
      if (ok(c.res.status) && isRecord(answer) && typeof answer.upload_id === 'string') await keepUploadOwner(db, viewer, answer.upload_id);
      return;
    }
    if (match.name === 'classifyUpload') {
      const read = await readBody(c, timeouts);
      if (!read.ok) return read.response;
      const uploadId = typeof read.json?.upload_id === 'string' ? read.json.upload_id : null;
      if (uploadId && (await foreignUpload(db, viewer, [uploadId]))) return uploadNotFound(c, uploadId, 'upload_id');
      replaceRequest(c, read.bytes, new Headers(c.req.raw.headers));
      await next();
      const answer = await answerJson(c.res);
      if (ok(c.res.status) && isRecord(answer)) await keepClassification(db, viewer.actor, answer);
      return;
    }
    if (match.id) return characterRoute(c, next, viewer, match, match.id);
    return next();
  };

  async function list(c: Context, next: () => Promise<void>, viewer: Viewer) {
    if (viewer.access.kind === 'all') {
      await next();
      const answer = await answerJson(c.res);
      if (ok(c.res.status) && isRecord(answer) && Array.isArray(answer.data)) {
        await indexAnswers(
          db,
          answer.data.map(characterOf).filter((row): row is Character => row !== null),
        );
      }
      return;
    }
    // Everyone else gets the index, filtered to their scope: the raw API path leaks nothing.
    const parsed = listCharactersQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = typeof issue?.path[0] === 'string' ? issue.path[0] : null;
      return consoleError(c, 400, 'invalid_request', 'invalid_format', `${param ?? 'query'}: ${issue?.message ?? 'invalid'}`, param);
    }
    const { limit, starting_after: cursor, status } = parsed.data;
    const page = await listIndexed(db, viewer.access, { limit, cursor, status, sort: 'created', q: undefined });
    c.header('Cache-Control', 'no-store');
    return c.json(sandbox ? withRefsFrom(page, new URL(c.req.url).origin) : page);
  }

  async function create(c: Context, next: () => Promise<void>, viewer: Viewer, match: EndpointMatch) {
    const read = await readBody(c, timeouts);
    if (!read.ok) return read.response;
    const headers = new Headers(c.req.raw.headers);
    const key = scopeKey(headers, viewer);
    let body: Uint8Array<ArrayBuffer> | string = read.bytes;
    if (read.json) {
      if (read.json.client_reference_id !== undefined) {
        return consoleError(
          c,
          400,
          'invalid_request',
          'invalid_format',
          'client_reference_id is set by the console: it names who the character belongs to.',
          'client_reference_id',
        );
      }
      if (viewer.actor.scope) body = JSON.stringify({ ...read.json, client_reference_id: viewer.actor.scope });
      const wanted = Array.isArray(read.json.upload_ids) ? read.json.upload_ids.filter((id): id is string => typeof id === 'string') : [];
      const foreign = await foreignUpload(db, viewer, wanted);
      if (foreign) return uploadNotFound(c, foreign, 'upload_ids');
    }
    replaceRequest(c, body, headers);
    await next();
    const answer = characterOf(await answerJson(c.res));
    if (!ok(c.res.status) || !answer) return;
    const audited = auditedAction(match.name, read.json);
    const uploadIds = Array.isArray(read.json?.upload_ids) ? read.json.upload_ids.filter((id) => typeof id === 'string') : [];
    const classify = await claimClassifications(db, viewer.actor, uploadIds);
    const credits = audited?.credits ?? 0;
    await indexCreated(db, answer, viewer.actor, { classify, costs: credits > 0 && audited ? { [audited.action]: credits } : {} });
    if (audited && !replayed(c.res)) {
      await writeAudit(db, {
        actor: viewer.actor,
        ...audited,
        characterId: answer.id,
        idempotencyKey: key,
        details: { name: answer.name },
      });
    }
  }

  async function characterRoute(c: Context, next: () => Promise<void>, viewer: Viewer, match: EndpointMatch, id: string) {
    const reachable = await reaches(db, viewer.access, id);
    if (!reachable) {
      if (match.name !== 'getCharacter') return outOfScope(c, id);
      // A read of a character the index does not give this caller: the API's answer decides (a
      // character made outside the console and not synced yet may be in a reviewer's queue).
      await next();
      const answer = characterOf(await answerJson(c.res));
      if (c.res.status === 200 && answer && answerReaches(viewer.access, answer)) {
        await indexAnswers(db, [answer]);
        return;
      }
      if (c.res.status === 404) await pruneCharacter(db, id);
      if (c.res.status !== 200) return;
      if (answer) await indexAnswers(db, [answer]);
      const hidden = noSuchCharacter(c.res, id);
      // Drop the upstream answer first: assigning over it would merge its headers into ours.
      c.res = undefined;
      c.res = hidden;
      return;
    }

    let json: Record<string, unknown> | null = null;
    const headers = new Headers(c.req.raw.headers);
    const key = scopeKey(headers, viewer);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const read = await readBody(c, timeouts);
      if (!read.ok) return read.response;
      json = read.json;
      replaceRequest(c, read.bytes, headers);
    } else if (key) {
      replaceRequest(c, null, headers);
    }
    const decision = decisionActionOf(match.name);
    let admitted: Admitted | null = null;
    if (decision && admitDecision) {
      const pose = typeof json?.pose === 'string' ? json.pose : null;
      const answer = await admitDecision(c, { viewer, characterId: id, action: decision, pose, idempotencyKey: key });
      if (answer instanceof Response) return answer;
      admitted = answer;
    }
    // The images a replace is about to overwrite are kept first (once admitted): once it is sent, the ref may name the new one.
    const replacing = replacedPoses(match.name, json);
    const captured: CapturedPose[] = history && replacing ? await history.beforeReplace(id, replacing) : [];
    const savingFrom = history && match.name === 'saveCharacter' ? await indexedStatus(db, id) : null;
    try {
      await next();
    } catch (error) {
      await admitted?.finish(502, null, false);
      throw error;
    }
    const status = c.res.status;
    const answer = await answerJson(c.res);
    await admitted?.finish(status, answer, replayed(c.res));
    if (status === 404) {
      const error = isRecord(answer) && isRecord(answer.error) ? answer.error : null;
      if (error?.param === 'character_id' || error?.code === 'resource_not_found') await pruneCharacter(db, id);
      return;
    }
    if (!ok(status)) return;
    const character = characterOf(answer);
    if (character) await indexAnswers(db, [character]);
    else if (isRecord(answer) && answer.deleted === true) {
      if ((answer as unknown as DeletedCharacter).hard_deleted) await pruneCharacter(db, id);
      else await markDeleted(db, id);
    }
    if (history && !replayed(c.res)) {
      if (captured.length > 0) await history.replaced(id, captured, match.name === 'resynthesize' ? 'resynthesize' : 'regenerate');
      // A save of an already-ready character changes nothing (the API answers 200 again): no new approval.
      if (character && savingFrom !== 'ready' && match.name === 'saveCharacter') {
        await history.approved(
          id,
          character.refs.map((ref) => ref.pose),
          viewer.actor.label,
        );
      }
    }
    const audited = auditedAction(match.name, json);
    if (!audited || replayed(c.res)) return;
    await addCost(db, id, audited.action, audited.credits);
    const details: Record<string, unknown> = {};
    if (typeof json?.pose === 'string') details.pose = json.pose;
    if (audited.action === 'rename' && character) details.name = character.name;
    await writeAudit(db, { actor: viewer.actor, ...audited, characterId: id, idempotencyKey: key, details });
  }
}

/** The poses a call replaces: one for a regenerate, every one for a resynthesize, none otherwise. */
function replacedPoses(name: string, json: Record<string, unknown> | null): readonly Pose[] | 'all' | null {
  if (name === 'resynthesize') return 'all';
  if (name !== 'regenerateRef') return null;
  const pose = json?.pose;
  return typeof pose === 'string' && (POSES as readonly string[]).includes(pose) ? [pose as Pose] : null;
}

/** The status the index has for a character (null: none). */
async function indexedStatus(db: Database, id: string): Promise<string | null> {
  const [row] = await db.select({ status: characterTable.status }).from(characterTable).where(eq(characterTable.id, id)).limit(1);
  return row?.status ?? null;
}

/** The Idempotency-Key bound to the caller's scope (rewritten in `headers`), or null when there is none. */
function scopeKey(headers: Headers, viewer: Viewer): string | null {
  const given = headers.get('idempotency-key');
  if (!given) return null;
  const scoped = scopedIdempotencyKey(viewer.actor, given);
  headers.set('idempotency-key', scoped);
  return scoped;
}

const replayed = (response: Response) => response.headers.get('aurous-idempotent-replayed') === 'true';
