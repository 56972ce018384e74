/**
 * The in-flight poller: characters that change without anyone acting (status `synthesizing` — a
 * regenerate or resynthesize goes through it too) are looked at upstream by the console server,
 * once per character however many people watch, on the browser's old schedule
 * (contract/poll-schedule.ts: 2 s for the first minute, then up to 10 s), and what the API
 * answers goes into the index (`indexAnswers`, which tells every copy's browsers).
 *
 * - Exactly one copy polls: its `sync_state` row (`in_flight`) is a lease like the sync's, judged
 *   by the database's clock; another copy takes over within `leaseMs` when the holder dies, at once
 *   when it stops.
 * - Nothing is kept in memory that a successor needs: a character is due when its row's
 *   `indexed_at` (the last time anyone — this poller, the sync, a browser's call through the
 *   proxy — heard of it) is older than its delay.
 * - Gentle on the team's `characters_get` bucket: one `GET /v1/characters?limit=100` (newest
 *   first) covers every due character created since that page's oldest row; only due characters
 *   older than it are read one by one. So at most one request per in-flight character per delay,
 *   normally one for all of them. A 429 pauses it for its Retry-After, a failure backs it off.
 * - When webhooks announce completions (`webhooksActive`), it keeps only a safety net
 *   (`safetyNetMs`, default 30 s) for what a lost delivery would miss.
 */
import { inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Character, CharacterList } from '../../contract/aurous';
import type { CharacterStatus } from '../../contract/constants';
import { pollDelayMs } from '../../contract/poll-schedule';
import type { Database } from '../db/database';
import { releaseLease, takeLease } from '../db/lease';
import { queryRows } from '../db/database';
import { character as characterTable } from '../db/schema';
import { DEFAULT_TIMEOUTS } from '../limits';
import { characterOf, indexAnswers, pruneCharacter } from '../scope/character-index';
import { callUpstream, type Upstream, type UpstreamAnswer } from '../upstream';

export const IN_FLIGHT_LEASE = 'in_flight';
/** Statuses the sandbox (and the API) change by themselves. */
export const IN_FLIGHT_STATUSES = ['synthesizing'] as const satisfies readonly CharacterStatus[];
export const DEFAULT_TICK_MS = 1000;
export const DEFAULT_SAFETY_NET_MS = 30_000;
const PAGE_SIZE = 100;
const MAX_BACKOFF_MS = 60_000;

/** CONSOLE_POLL_SAFETY_NET_MS: the poller's delay while webhooks are active (5000–600000 ms; default 30000). */
export function safetyNetFromEnv(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_SAFETY_NET_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 5000 || ms > 600_000) {
    throw new Error(`CONSOLE_POLL_SAFETY_NET_MS must be a whole number of milliseconds from 5000 to 600000 (got "${text}").`);
  }
  return ms;
}

export type PollResult = 'not_holder' | 'backing_off' | 'idle' | 'polled' | 'rate_limited' | 'failed';

export interface InFlightPollerOptions {
  db: Database;
  upstream: Upstream;
  /** The console's own origin (the embedded sandbox is addressed by it). */
  origin: string;
  /** How often it looks for due characters (default 1 s); each character has its own delay. */
  tickMs?: number;
  /** Lease length without renewal (default 10 s): how soon another copy takes over from one that died. */
  leaseMs?: number;
  /** Webhooks announce completions (server/webhooks/): polling is a safety net only. */
  webhooksActive?: (db: Database) => boolean | Promise<boolean>;
  safetyNetMs?: number;
  upstreamTimeoutMs?: number;
  pageSize?: number;
  holder?: string;
  log?: (line: string) => void;
}

export interface InFlightPoller {
  readonly holder: string;
  tick(): Promise<PollResult>;
  start(): void;
  stop(): Promise<void>;
  /** Upstream requests this copy made: the newest page, and single characters by id. */
  readonly requests: { pages: number; singles: number };
}

interface DueRow extends Record<string, unknown> {
  id: string;
  created_at: string;
  synthesizing_ms: number;
  quiet_ms: number;
}

export function createInFlightPoller(options: InFlightPollerOptions): InFlightPoller {
  const { db, upstream, origin } = options;
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  const leaseMs = options.leaseMs ?? Math.max(10_000, tickMs * 5);
  const safetyNetMs = options.safetyNetMs ?? DEFAULT_SAFETY_NET_MS;
  const webhooksActive = options.webhooksActive ?? (() => false);
  const timeoutMs = options.upstreamTimeoutMs ?? DEFAULT_TIMEOUTS.upstreamMs;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const holder = options.holder ?? `copy_${randomUUID()}`;
  const log = options.log ?? ((line: string) => console.log(line));
  const requests = { pages: 0, singles: 0 };
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<PollResult> | null = null;
  let holding = false;
  /**
   * The oldest `created_at` the last newest-page read covered (null: not read yet, or it covered
   * everything). Only a hint for this copy: a successor simply reads the page first.
   */
  let pageFloor: number | null | undefined;

  async function lease(): Promise<{ failures: number; backingOff: boolean } | null> {
    const row = await takeLease(db, IN_FLIGHT_LEASE, holder, leaseMs);
    const held = Boolean(row);
    if (held !== holding) {
      log(held ? `[in-flight] this copy polls in-flight characters (${holder})` : `[in-flight] another copy polls in-flight characters`);
      pageFloor = undefined;
    }
    holding = held;
    return row ? { failures: row.failures, backingOff: row.backing_off } : null;
  }

  async function backOff(failures: number, retryAfterS: number | null) {
    const ms = retryAfterS !== null ? Math.max(retryAfterS * 1000, tickMs) : Math.min(2000 * 2 ** failures, MAX_BACKOFF_MS);
    await db.execute(
      sql`update sync_state set failures = ${failures}, backoff_until = now() + make_interval(secs => ${ms / 1000})
           where name = ${IN_FLIGHT_LEASE} and holder = ${holder}`,
    );
  }

  const succeeded = () =>
    db.execute(sql`update sync_state set failures = 0, last_tick_at = now() where name = ${IN_FLIGHT_LEASE} and holder = ${holder}`);

  function get(path: string, query?: Record<string, string>): Promise<UpstreamAnswer> {
    const url = new URL(`${upstream.baseUrl(origin)}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    return callUpstream(
      upstream,
      new Request(url, { headers: { 'X-Api-Key': upstream.apiKey, Accept: 'application/json' }, redirect: 'manual' }),
      timeoutMs,
    );
  }

  const json = (answer: UpstreamAnswer): unknown => {
    try {
      return JSON.parse(new TextDecoder().decode(answer.body));
    } catch {
      return null;
    }
  };

  /** In-flight rows whose delay has passed since anyone last heard of them (the database's clock). */
  async function dueRows(): Promise<DueRow[]> {
    const slow = await webhooksActive(db);
    const rows = await queryRows<DueRow>(
      db,
      sql`select id, created_at::text as created_at,
                 (extract(epoch from (now() - updated_at)) * 1000)::float8 as synthesizing_ms,
                 (extract(epoch from (now() - indexed_at)) * 1000)::float8 as quiet_ms
            from ${characterTable}
           where ${inArray(characterTable.status, [...IN_FLIGHT_STATUSES])}`,
    );
    return rows.filter((row) => {
      const delay = pollDelayMs(Math.max(0, Number(row.synthesizing_ms)));
      return Number(row.quiet_ms) >= (slow ? Math.max(delay, safetyNetMs) : delay);
    });
  }

  /** A 429 or a failure: pauses every request of this poller. Null when the answer is usable. */
  async function refused(answer: UpstreamAnswer, failures: number): Promise<PollResult | null> {
    if (answer.status === 429) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      await backOff(failures + 1, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1);
      return 'rate_limited';
    }
    if (answer.status >= 500) {
      await backOff(failures + 1, null);
      return 'failed';
    }
    return null;
  }

  async function step(): Promise<PollResult> {
    const state = await lease();
    if (!state) return 'not_holder';
    if (state.backingOff) return 'backing_off';
    let due = await dueRows();
    if (due.length === 0) return 'idle';
    try {
      if (pageFloor === undefined || pageFloor === null || due.some((row) => Date.parse(row.created_at) >= pageFloor!)) {
        const answer = await get('/v1/characters', { limit: String(pageSize) });
        requests.pages++;
        const stop = await refused(answer, state.failures);
        if (stop) return stop;
        const list = json(answer) as Partial<CharacterList> | null;
        if (answer.status === 200 && list && Array.isArray(list.data)) {
          const page = list.data.map(characterOf).filter((row): row is Character => row !== null);
          await indexAnswers(db, page);
          const oldest = page.at(-1);
          pageFloor = list.has_more && oldest ? Date.parse(oldest.created_at) : null;
          const seen = new Set(page.map((row) => row.id));
          // Not on a page that covered its time: the API no longer has it (a single read says for sure).
          due = due.filter((row) => !seen.has(row.id));
        }
      }
      for (const row of due) {
        const answer = await get(`/v1/characters/${encodeURIComponent(row.id)}`);
        requests.singles++;
        const stop = await refused(answer, state.failures);
        if (stop) return stop;
        if (answer.status === 404) {
          await pruneCharacter(db, row.id);
          continue;
        }
        const character = answer.status === 200 ? characterOf(json(answer)) : null;
        if (character) await indexAnswers(db, [character]);
      }
    } catch (error) {
      log(`[in-flight] polling failed: ${error instanceof Error ? error.message : String(error)}`);
      await backOff(state.failures + 1, null);
      return 'failed';
    }
    await succeeded();
    return 'polled';
  }

  const tick = () => {
    running ??= step().finally(() => {
      running = null;
    });
    return running;
  };
  const runQuietly = () => {
    tick().catch((error: unknown) => log(`[in-flight] tick failed: ${error instanceof Error ? error.message : String(error)}`));
  };

  return {
    holder,
    tick,
    requests,
    start() {
      if (timer) return;
      runQuietly();
      timer = setInterval(runQuietly, tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
      await releaseLease(db, IN_FLIGHT_LEASE, holder).catch(() => undefined);
    },
  };
}
