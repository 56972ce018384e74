/**
 * The character sync: brings characters made outside the console (the API directly, another
 * tool) into the index, and keeps statuses fresh, by walking `GET /v1/characters` one page per
 * tick — at start, then every `intervalMs` (default 5 s).
 *
 * - Exactly one copy syncs: the `sync_state` row is a lease (holder + expiry, judged by the
 *   database's clock); another copy takes over once it has expired (a copy that died) or was
 *   released (a copy that stopped).
 * - Resumable: the walk's cursor lives in the row, so a restart or a takeover carries on.
 * - Mid-walk, every other tick re-reads the newest page instead, so a character the team's
 *   backend just created reaches the QA queue within two ticks however long the walk is.
 * - A finished pass prunes the rows it never saw (the API no longer knows them).
 * - Gentle on the team's `characters_get` budget: one request per tick (12 a minute at 5 s, of
 *   the bucket's 120), none while backing off after a 429 (its Retry-After) or a failure. With the
 *   rate budget (server/rate-budget.ts) a tick waits at most one interval for its token, else skips.
 */
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { CharacterList } from '../../contract/aurous';
import type { Database } from '../db/database';
import { releaseLease, takeLease, type LeaseRow } from '../db/lease';
import { DEFAULT_TIMEOUTS } from '../limits';
import { callUpstream, UpstreamCallError, type Upstream } from '../upstream';
import { characterOf, indexAnswers, pruneWhere } from './character-index';
import type { Character } from '../../contract/aurous';

export const SYNC_NAME = 'characters';
export const DEFAULT_SYNC_INTERVAL_MS = 5000;
const PAGE_SIZE = 100;
const MAX_BACKOFF_MS = 60_000;

/** CONSOLE_SYNC_INTERVAL_MS: how often the sync reads a page (1000–600000 ms; default 5000). */
export function syncIntervalFromEnv(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_SYNC_INTERVAL_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 1000 || ms > 600_000) {
    throw new Error(`CONSOLE_SYNC_INTERVAL_MS must be a whole number of milliseconds from 1000 to 600000 (got "${text}").`);
  }
  return ms;
}

export type TickResult = 'not_holder' | 'backing_off' | 'page' | 'pass_done' | 'rate_limited' | 'failed';

export interface CharacterSyncOptions {
  db: Database;
  upstream: Upstream;
  /** The console's own origin (the embedded sandbox is addressed by it). */
  origin: string;
  intervalMs?: number;
  /** How long a holder's lease lasts without renewal (default: three intervals, at least 15 s). */
  leaseMs?: number;
  upstreamTimeoutMs?: number;
  /** Characters per page (default 100, the API's largest). */
  pageSize?: number;
  /** This copy's name in the lease (default: a random id). */
  holder?: string;
  log?: (line: string) => void;
}

export interface CharacterSync {
  readonly holder: string;
  /** One step (what the timer runs); exposed for tests. */
  tick(): Promise<TickResult>;
  start(): void;
  /** Stops the timer, waits for a running tick and releases the lease so another copy takes over at once. */
  stop(): Promise<void>;
  /** Upstream requests this copy has made. */
  readonly requests: number;
}

export function createCharacterSync(options: CharacterSyncOptions): CharacterSync {
  const { db, upstream, origin } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const leaseMs = options.leaseMs ?? Math.max(15_000, intervalMs * 3);
  const timeoutMs = options.upstreamTimeoutMs ?? DEFAULT_TIMEOUTS.upstreamMs;
  const holder = options.holder ?? `copy_${randomUUID()}`;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const log = options.log ?? ((line: string) => console.log(line));
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<TickResult> | null = null;
  let requests = 0;
  let holding = false;

  /** Takes or renews the lease; the state row when this copy holds it. */
  async function lease(): Promise<LeaseRow | null> {
    const row = await takeLease(db, SYNC_NAME, holder, leaseMs);
    const held = Boolean(row);
    if (held !== holding) log(held ? `[sync] this copy now syncs characters (${holder})` : `[sync] another copy syncs characters`);
    holding = held;
    return row ?? null;
  }

  async function backOff(failures: number, retryAfterS: number | null) {
    const ms = retryAfterS !== null ? Math.max(retryAfterS * 1000, intervalMs) : Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
    await db.execute(
      sql`update sync_state set failures = ${failures}, backoff_until = now() + make_interval(secs => ${ms / 1000})
           where name = ${SYNC_NAME} and holder = ${holder}`,
    );
  }

  async function fetchPage(cursor: string | null) {
    const url = new URL(`${upstream.baseUrl(origin)}/v1/characters`);
    url.searchParams.set('limit', String(pageSize));
    if (cursor) url.searchParams.set('starting_after', cursor);
    requests++;
    // Background work: it may wait for the team's budget up to one interval, else it skips this tick.
    return callUpstream(
      upstream,
      new Request(url, { headers: { 'X-Api-Key': upstream.apiKey, Accept: 'application/json' }, redirect: 'manual' }),
      timeoutMs,
      { maxWaitMs: intervalMs },
    );
  }

  async function step(): Promise<TickResult> {
    const state = await lease();
    if (!state) return 'not_holder';
    if (state.backing_off) return 'backing_off';
    const head = state.cursor === null || state.head_next;
    const cursor = head ? null : state.cursor;
    if (state.cursor === null) {
      // A new pass: rows it does not see by its end are pruned.
      await db.execute(sql`update sync_state set pass_started_at = now() where name = ${SYNC_NAME} and holder = ${holder}`);
    }
    let answer;
    try {
      answer = await fetchPage(cursor);
    } catch (error) {
      if (error instanceof UpstreamCallError && error.reason === 'rate_budget') {
        // The team's budget is busy (people first): not a failure, just not this tick.
        await backOff(state.failures, Math.ceil(error.retryAfterMs / 1000));
        return 'rate_limited';
      }
      log(`[sync] GET /v1/characters failed: ${error instanceof Error ? error.message : String(error)}`);
      await backOff(state.failures + 1, null);
      return 'failed';
    }
    if (answer.status === 429) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      await backOff(state.failures + 1, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1);
      return 'rate_limited';
    }
    if (answer.status === 400 && cursor) {
      // The cursor is no longer accepted: start the walk over.
      await db.execute(sql`update sync_state set cursor = null, head_next = false where name = ${SYNC_NAME} and holder = ${holder}`);
      return 'failed';
    }
    let list: Partial<CharacterList> | null;
    try {
      list = answer.status === 200 ? (JSON.parse(new TextDecoder().decode(answer.body)) as Partial<CharacterList>) : null;
    } catch {
      list = null;
    }
    if (!list || !Array.isArray(list.data)) {
      log(`[sync] GET /v1/characters answered ${answer.status}; backing off`);
      await backOff(state.failures + 1, null);
      return 'failed';
    }
    await indexAnswers(
      db,
      list.data.map(characterOf).filter((row): row is Character => row !== null),
    );
    if (head && state.cursor !== null) {
      // The extra look at the newest page: the walk's place is kept.
      await db.execute(sql`update sync_state set head_next = false, failures = 0, last_tick_at = now() where name = ${SYNC_NAME}`);
      return 'page';
    }
    const next = list.has_more && typeof list.next_cursor === 'string' ? list.next_cursor : null;
    if (next) {
      await db.execute(
        sql`update sync_state set cursor = ${next}, head_next = true, failures = 0, last_tick_at = now() where name = ${SYNC_NAME}`,
      );
      return 'page';
    }
    // The pass is complete: whatever it never saw (nor anyone since it began) the API no longer knows.
    await pruneWhere(db, sql`indexed_at < (select pass_started_at from sync_state where name = ${SYNC_NAME})`);
    await db.execute(
      sql`update sync_state set cursor = null, head_next = false, failures = 0, last_tick_at = now() where name = ${SYNC_NAME}`,
    );
    return 'pass_done';
  }

  const tick = () => {
    if (!running) {
      running = step().finally(() => {
        running = null;
      });
    }
    return running;
  };

  const runQuietly = () => {
    tick().catch((error: unknown) => log(`[sync] tick failed: ${error instanceof Error ? error.message : String(error)}`));
  };

  return {
    holder,
    tick,
    get requests() {
      return requests;
    },
    start() {
      if (timer) return;
      runQuietly();
      timer = setInterval(runQuietly, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
      await releaseLease(db, SYNC_NAME, holder).catch(() => undefined);
    },
  };
}
