/**
 * `GET /api/ready`: can this copy serve the console right now? `/api/health` only says the process
 * answers (liveness, never touches anything); readiness asks the upstream with one cheap call
 * (GET /v1/balance, short timeout) and answers 503 when it cannot be reached or refuses the key.
 * A load balancer can poll it freely: the answer is shared for a few seconds and at most one
 * probe is in flight, so a flood of /api/ready never becomes a flood upstream.
 */
import type { Context } from 'hono';
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
    // The database check goes here once there is one (next issue): `database: ReadyCheck`.
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
    const { status } = await callUpstream(upstream, request, timeoutMs);
    const latency_ms = Date.now() - started;
    // Rate limited still means reachable and the key works.
    if ((status >= 200 && status < 300) || status === 429) return { ok: true, latency_ms };
    if (status === 401 || status === 403) return { ok: false, detail: `the API refused the key (HTTP ${status})`, latency_ms };
    return { ok: false, detail: `the API answered HTTP ${status}`, latency_ms };
  } catch (error) {
    const reason = error instanceof UpstreamCallError ? error.reason : 'unreachable';
    return { ok: false, detail: reason === 'timeout' ? `no answer within ${timeoutMs} ms` : 'the API could not be reached' };
  }
}

export function createReadiness(upstream: Upstream, timeoutMs: number) {
  let cached: { at: number; check: ReadyCheck } | null = null;
  let inFlight: Promise<ReadyCheck> | null = null;
  const current = async (): Promise<ReadyCheck> => {
    if (cached && Date.now() - cached.at < READY_CACHE_MS) return cached.check;
    inFlight ??= probeUpstream(upstream, timeoutMs).then((check) => {
      cached = { at: Date.now(), check };
      inFlight = null;
      return check;
    });
    return inFlight;
  };
  return async (c: Context) => {
    const upstreamCheck = await current();
    const answer: ReadyAnswer = { ok: upstreamCheck.ok, checks: { upstream: { kind: upstream.kind, ...upstreamCheck } } };
    c.header('Cache-Control', 'no-store');
    return c.json(answer, answer.ok ? 200 : 503);
  };
}
