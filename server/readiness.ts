/**
 * `GET /api/ready`: can this copy serve the console right now? `/api/health` only says the process
 * answers (liveness, never touches anything); readiness asks the upstream with one cheap call
 * (GET /v1/balance, short timeout) and the console's database (`select 1`), and answers 503 when
 * either cannot be reached (or the API refuses the key).
 * A load balancer can poll it freely: the answer is shared for a few seconds and at most one
 * probe is in flight, so a flood of /api/ready never becomes a flood upstream.
 */
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from './db/database';
import { callUpstream, UpstreamCallError, type Upstream } from './upstream';

export interface ReadyCheck {
  ok: boolean;
  /** What went wrong, in words, when not ok. */
  detail?: string;
  latency_ms?: number;
}

export interface ReadyAnswer {
  ok: boolean;
  checks: {
    upstream: ReadyCheck & { kind: Upstream['kind'] };
    /** Absent when the console runs without people (some server tests). */
    database?: ReadyCheck;
  };
}

/** How long one probe's result answers every /api/ready. */
export const READY_CACHE_MS = 2_000;

async function probeUpstream(upstream: Upstream, timeoutMs: number): Promise<ReadyCheck> {
  const started = Date.now();
  const request = new Request(`${upstream.baseUrl('http://127.0.0.1')}/v1/balance`, {
    headers: { 'X-Api-Key': upstream.apiKey, Accept: 'application/json' },
  });
  try {
    // Never queued behind people: a probe goes only if the team's budget has a token now.
    const { status } = await callUpstream(upstream, request, timeoutMs, { maxWaitMs: 0 });
    const latency_ms = Date.now() - started;
    // Rate limited still means reachable and the key works.
    if ((status >= 200 && status < 300) || status === 429) return { ok: true, latency_ms };
    if (status === 401 || status === 403) return { ok: false, detail: `the API refused the key (HTTP ${status})`, latency_ms };
    return { ok: false, detail: `the API answered HTTP ${status}`, latency_ms };
  } catch (error) {
    const reason = error instanceof UpstreamCallError ? error.reason : 'unreachable';
    // The budget is spent: the API was answering the team's calls just now, like a 429 above.
    if (reason === 'rate_budget') return { ok: true, latency_ms: Date.now() - started };
    return { ok: false, detail: reason === 'timeout' ? `no answer within ${timeoutMs} ms` : 'the API could not be reached' };
  }
}

async function probeDatabase(db: Database, timeoutMs: number): Promise<ReadyCheck> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([db.execute(sql`select 1`).then(() => 'ok' as const), timedOut]);
    if (outcome === 'timeout') return { ok: false, detail: `the database did not answer within ${timeoutMs} ms` };
    return { ok: true, latency_ms: Date.now() - started };
  } catch {
    return { ok: false, detail: 'the database could not be reached' };
  } finally {
    clearTimeout(timer);
  }
}

type Checks = ReadyAnswer['checks'];

export function createReadiness(upstream: Upstream, timeoutMs: number, db?: Database) {
  let cached: { at: number; checks: Checks } | null = null;
  let inFlight: Promise<Checks> | null = null;
  const probe = async (): Promise<Checks> => {
    const [upstreamCheck, databaseCheck] = await Promise.all([
      probeUpstream(upstream, timeoutMs),
      db ? probeDatabase(db, timeoutMs) : Promise.resolve(undefined),
    ]);
    return { upstream: { kind: upstream.kind, ...upstreamCheck }, ...(databaseCheck ? { database: databaseCheck } : {}) };
  };
  const current = async (): Promise<Checks> => {
    if (cached && Date.now() - cached.at < READY_CACHE_MS) return cached.checks;
    inFlight ??= probe().then((checks) => {
      cached = { at: Date.now(), checks };
      inFlight = null;
      return checks;
    });
    return inFlight;
  };
  return async (c: Context) => {
    const checks = await current();
    const answer: ReadyAnswer = { ok: checks.upstream.ok && (checks.database?.ok ?? true), checks };
    c.header('Cache-Control', 'no-store');
    return c.json(answer, answer.ok ? 200 : 503);
  };
}
