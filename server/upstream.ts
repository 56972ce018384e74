/**
 * Where the console server sends API calls: the real Aurous API (AUROUS_API_BASE +
 * AUROUS_API_KEY), or, when none is configured, a sandbox running in this same process.
 */
import { SANDBOX_TEAM_A_KEY } from '../contract/sandbox';
import { createSandbox, type SandboxOptions } from '../sandbox/app';
import { readLimited } from './limits';

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
}

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
    return { kind: 'aurous', apiKey, baseUrl: () => baseUrl, fetch: (request) => fetch(request) };
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

/** What an API call came back with, read in full. */
export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

export type UpstreamFailure = 'timeout' | 'unreachable' | 'too_large';

export class UpstreamCallError extends Error {
  constructor(readonly reason: UpstreamFailure) {
    super(`upstream call failed: ${reason}`);
  }
}

/** Largest API answer the console server reads (a page of 100 characters is far below it). */
export const MAX_UPSTREAM_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * One API call, bounded as a whole: connecting, the answer's headers and its body must all be done
 * within `timeoutMs`, or it fails with 'timeout' (and the connection is dropped). The in-process
 * sandbox takes no signal, so its answer is raced against the same deadline.
 */
export async function callUpstream(upstream: Upstream, request: Request, timeoutMs: number): Promise<UpstreamAnswer> {
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
