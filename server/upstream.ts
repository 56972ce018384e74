/**
 * Where the console server sends API calls: the real Aurous API (AUROUS_API_BASE +
 * AUROUS_API_KEY), or, when none is configured, a sandbox running in this same process.
 */
import { SANDBOX_TEAM_A_KEY } from '../contract/sandbox';
import { createSandbox, type SandboxOptions } from '../sandbox/app';

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
