/**
 * Where the console server sends API calls: the real Aurous API (AUROUS_API_BASE +
 * AUROUS_API_KEY), or, when none is configured, a sandbox running in this same process.
 */
import { SANDBOX_TEAM_A_KEY } from '../contract/sandbox';
import { createSandbox, type SandboxOptions } from '../sandbox/app';
import { bucketFor, matchEndpoint } from '../contract/endpoints';
import type { RateLimitBucket } from '../contract/constants';
import { readLimited } from './limits';
import { RateBudgetWait, teamKeyOf, type RateBudget } from './rate-budget';
import { plainHttpCall, type PlainCall } from './upstream-http';

export interface Upstream {
  /** 'aurous' for a real API, 'sandbox' for the embedded emulator. */
  kind: 'aurous' | 'sandbox';
  /** The API key. It lives here and is only ever put on upstream requests. */
  apiKey: string;
  /** Base URL for a /v1 call made on behalf of a browser request arriving at `consoleOrigin`. */
  baseUrl(consoleOrigin: string): string;
  fetch(request: Request): Promise<Response>;
  /** The embedded sandbox's app, so its routes can be served on the console's own port. */
  sandboxFetch?: (request: Request) => Response | Promise<Response>;
  /** The embedded sandbox: writes its pending state to disk (before exiting). */
  flushSandbox?: () => void;
  /** The team's rate budget (server/rate-budget.ts): every call through `callUpstream` takes its token first. */
  budget?: RateBudget;
}

/** Whose rate buckets these calls draw from (the embedded sandbox is its own team). */
export const upstreamTeamKey = (upstream: Upstream): string =>
  teamKeyOf(upstream.kind === 'aurous' ? upstream.baseUrl('') : 'embedded-sandbox', upstream.apiKey);

export const withRateBudget = (upstream: Upstream, budget: RateBudget): Upstream => ({ ...upstream, budget });

export interface UpstreamEnv {
  AUROUS_API_BASE?: string | undefined;
  AUROUS_API_KEY?: string | undefined;
}

/** `sandbox`: options for the embedded sandbox (e.g. persistence), when no real API is configured. */
export function upstreamFromEnv(env: UpstreamEnv, sandboxOptions: SandboxOptions = {}): Upstream {
  const base = env.AUROUS_API_BASE?.trim();
  if (base) {
    const apiKey = env.AUROUS_API_KEY?.trim();
    if (!apiKey) throw new Error('AUROUS_API_BASE is set but AUROUS_API_KEY is not: set both, or neither for the sandbox.');
    const baseUrl = base.replace(/\/+$/, '');
    // API calls (callUpstream) go over node:http; the upload relay and ref reads still use fetch.
    const apiFetch: PlainFetch = Object.assign((request: Request) => fetch(request), { plain: plainHttpCall });
    return { kind: 'aurous', apiKey, baseUrl: () => baseUrl, fetch: apiFetch };
  }
  const sandbox = createSandbox(sandboxOptions);
  const sandboxFetch = (request: Request) => sandbox.app.fetch(request);
  return {
    kind: 'sandbox',
    apiKey: env.AUROUS_API_KEY?.trim() || SANDBOX_TEAM_A_KEY,
    // The embedded sandbox mints its URLs from the request origin, so it is addressed by ours.
    baseUrl: (consoleOrigin) => consoleOrigin,
    fetch: async (request) => sandboxFetch(request),
    sandboxFetch,
    flushSandbox: () => sandbox.flush(),
  };
}

/**
 * An upstream's fetch that can also make a whole call without the WHATWG objects
 * (./upstream-http.ts). It rides on the fetch function itself, so a wrapper that replaces
 * `fetch` (a test counting calls) is always the one called.
 */
type PlainFetch = Upstream['fetch'] & { plain?: PlainCall };

/** What an API call came back with, read in full. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/** `rate_budget`: the team's budget would have the call wait longer than it may (`retryAfterMs`). */
export type UpstreamFailure = 'timeout' | 'unreachable' | 'too_large' | 'rate_budget';

export class UpstreamCallError extends Error {
  constructor(
    readonly reason: UpstreamFailure,
    /** For `rate_budget`: how long until the call could go. */
    readonly retryAfterMs = 0,
  ) {
    super(`upstream call failed: ${reason}`);
  }
}

export interface CallOptions {
  /**
   * How long the call may wait for its token in the team's rate budget, queue and 429 pauses
   * included (default: the budget's, CONSOLE_BUDGET_MAX_WAIT_MS). Past it the call fails with
   * `rate_budget` and is never sent. Background work (the sync, a poller) passes what it can spare.
   */
  maxWaitMs?: number;
}

/** The bucket a call draws from: the endpoint table's, by method and the path from `/v1/` on (and the body where it decides). */
async function bucketOfRequest(request: Request): Promise<RateLimitBucket> {
  const { pathname } = new URL(request.url);
  const at = pathname.indexOf('/v1/');
  const path = at >= 0 ? pathname.slice(at) : pathname;
  let body: unknown = null;
  if (request.body && matchEndpoint(request.method, path)?.endpoint.generateBucket) {
    body = await request
      .clone()
      .json()
      .catch(() => null);
  }
  return bucketFor(request.method, path, body);
}

/** Retry-After in ms (whole seconds, or an HTTP date); 1 s when absent or unreadable. */
function retryAfterMsOf(headers: Headers): number {
  const value = headers.get('retry-after')?.trim() ?? '';
  const secondsValue = Number(value);
  if (value && Number.isFinite(secondsValue) && secondsValue > 0) return secondsValue * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) && date > Date.now() ? date - Date.now() : 1000;
}

/** Largest API answer the console server reads (a page of 100 characters is far below it). */
export const MAX_UPSTREAM_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * One API call within the team's rate budget, when the upstream has one: it waits for its token
 * (at most `maxWaitMs`, else `rate_budget` and nothing is sent). A 429 that still comes back (the
 * team's other clients share the API's buckets) pauses the bucket on every copy for Retry-After,
 * and the call is sent again once the pause is over if that is still within its wait; otherwise it
 * fails with `rate_budget`, so a 429 from the API is never passed on.
 * Each attempt is bounded as a whole by `timeoutMs` (see `callOnce`).
 */
export async function callUpstream(
  upstream: Upstream,
  request: Request,
  timeoutMs: number,
  options: CallOptions = {},
): Promise<UpstreamAnswer> {
  const { budget } = upstream;
  if (!budget) return callOnce(upstream, request, timeoutMs);
  const bucket = await bucketOfRequest(request);
  const deadline = Date.now() + (options.maxWaitMs ?? budget.maxWaitMs);
  for (;;) {
    try {
      await budget.admit(bucket, Math.max(0, deadline - Date.now()), request.signal);
    } catch (error) {
      if (error instanceof RateBudgetWait) throw new UpstreamCallError('rate_budget', error.waitMs);
      throw error;
    }
    // A bodiless request is never used up, so it needs no copy for the next attempt.
    const answer = await callOnce(upstream, request.body ? request.clone() : request, timeoutMs);
    if (answer.status !== 429) return answer;
    const pauseMs = retryAfterMsOf(answer.headers);
    await budget.pause(bucket, pauseMs);
    if (Date.now() + pauseMs > deadline) throw new UpstreamCallError('rate_budget', pauseMs);
  }
}

/**
 * One API call, bounded as a whole: connecting, the answer's headers and its body must all be done
 * within `timeoutMs`, or it fails with 'timeout' (and the connection is dropped). The in-process
 * sandbox takes no signal, so its answer is raced against the same deadline.
 */
async function callOnce(upstream: Upstream, request: Request, timeoutMs: number): Promise<UpstreamAnswer> {
  const plain = (upstream.fetch as PlainFetch).plain;
  if (plain) {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const { method, url, headers, signal } = request;
    const result = await plain({ method, url, headers, body, signal, timeoutMs, maxBytes: MAX_UPSTREAM_ANSWER_BYTES });
    if (result.kind !== 'answer') throw new UpstreamCallError(result.kind);
    return { status: result.status, headers: result.headers, body: result.body };
  }
  const deadline = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    deadline.addEventListener('abort', () => reject(new UpstreamCallError('timeout')), { once: true });
  });
  // Rejections of the loser are expected once the other side has settled.
  timedOut.catch(() => undefined);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  const failed = (error: unknown): never => {
    if (error instanceof UpstreamCallError) throw error;
    throw new UpstreamCallError(deadline.aborted ? 'timeout' : 'unreachable');
  };
  const response = await Promise.race([upstream.fetch(new Request(request, { signal })), timedOut]).catch(failed);
  const body = await Promise.race([readLimited(response.body, MAX_UPSTREAM_ANSWER_BYTES), timedOut]).catch(failed);
  if (!body) throw new UpstreamCallError('too_large');
  return { status: response.status, headers: response.headers, body };
}
