/**
 * Size limits and upload origins, read once at startup. Bad values stop the server rather than
 * silently running without a limit.
 */
import { normalizeOrigin } from '../contract/embed';

/** The browser caps files at 10 MB itself; the bench proxies 64 MB files, so 64 MiB exactly. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** JSON bodies to /api/*. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function maxUploadBytesFromEnv(value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES;
  const bytes = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`CONSOLE_MAX_UPLOAD_BYTES must be a positive whole number of bytes, not "${raw}".`);
  }
  return bytes;
}

/** `AUROUS_UPLOAD_ORIGINS`: comma-separated origins the upload relay may PUT to; empty = any the API signed. */
export function uploadOriginsFromEnv(value: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const origin = normalizeOrigin(trimmed);
    if (!origin) throw new Error(`AUROUS_UPLOAD_ORIGINS: "${trimmed}" is not an origin like https://uploads.example.`);
    origins.push(origin);
  }
  return origins;
}

/** Declared Content-Length: a number, null when absent, NaN when it is not a valid length. */
export function declaredLength(header: string | undefined): number | null {
  if (header === undefined) return null;
  return /^\s*\d+\s*$/.test(header) ? Number(header) : Number.NaN;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Body over ${limit} bytes.`);
  }
}

/** Passes bytes through and errors the stream once more than `limit` have gone by. Never buffers. */
export function byteLimit(limit: number): { stream: TransformStream<Uint8Array, Uint8Array>; exceeded: () => boolean } {
  let seen = 0;
  let over = false;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) {
        over = true;
        controller.error(new BodyTooLargeError(limit));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return { stream, exceeded: () => over };
}

export class BodyTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Body not received within ${ms} ms.`);
  }
}

/**
 * Reads a whole body, but gives up (and cancels the stream) as soon as it passes `limit`: null.
 * With `deadlineMs`, a body that has not fully arrived by then throws BodyTimeoutError.
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  deadlineMs?: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    deadlineMs === undefined
      ? null
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new BodyTimeoutError(deadlineMs)), deadlineMs);
        });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await (deadline ? Promise.race([reader.read(), deadline]) : reader.read());
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTimeoutError) await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Timeouts and concurrency caps. Every wait on a peer (the browser, the API, storage) is bounded.

export interface ConsoleTimeouts {
  /** An API call: connecting, the answer's headers and its whole (JSON) body. Also storage's connect. */
  upstreamMs: number;
  /** An upload with no byte moving either way (browser → relay → storage, or storage's answer). */
  uploadIdleMs: number;
  /** A JSON request body from the browser must have fully arrived by then. */
  bodyMs: number;
  /** The readiness probe's upstream call. */
  readyMs: number;
}

export interface UploadCaps {
  /** Uploads relayed at once for one client address (429 beyond). */
  perClient: number;
  /** Uploads relayed at once in total (503 beyond). */
  total: number;
}

/** The Node HTTP server's own limits (server/main.ts). */
export interface HttpServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: ConsoleTimeouts = { upstreamMs: 10_000, uploadIdleMs: 30_000, bodyMs: 10_000, readyMs: 3_000 };
/** The browser sends at most three files at a time; six lets a second tab work too. */
export const DEFAULT_UPLOAD_CAPS: UploadCaps = { perClient: 6, total: 64 };
export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  // A backstop for a whole request, uploads included (64 MiB in 15 min is ~75 KB/s); the upload
  // body's own idle timeout and the JSON body deadline cut slow requests much sooner.
  requestTimeoutMs: 15 * 60_000,
  keepAliveTimeoutMs: 5_000,
};

/** A whole number from the environment: the default when unset, an error when not a number in range. */
export function wholeNumberFromEnv(
  name: string,
  value: string | undefined,
  fallback: number,
  { min = 1, max }: { min?: number; max?: number } = {},
): number {
  const raw = value?.trim();
  if (!raw) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(parsed) || parsed < min || (max !== undefined && parsed > max)) {
    const range = max !== undefined ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : '';
    throw new Error(`${name} must be a whole number${range}, not "${raw}".`);
  }
  return parsed;
}

export type LimitsEnv = Partial<
  Record<
    | 'CONSOLE_UPSTREAM_TIMEOUT_MS'
    | 'CONSOLE_UPLOAD_IDLE_TIMEOUT_MS'
    | 'CONSOLE_BODY_TIMEOUT_MS'
    | 'CONSOLE_READY_TIMEOUT_MS'
    | 'CONSOLE_MAX_UPLOADS_PER_CLIENT'
    | 'CONSOLE_MAX_UPLOADS'
    | 'CONSOLE_HEADERS_TIMEOUT_MS'
    | 'CONSOLE_REQUEST_TIMEOUT_MS'
    | 'CONSOLE_KEEP_ALIVE_TIMEOUT_MS',
    string | undefined
  >
>;

export function timeoutsFromEnv(env: LimitsEnv): ConsoleTimeouts {
  return {
    upstreamMs: wholeNumberFromEnv('CONSOLE_UPSTREAM_TIMEOUT_MS', env.CONSOLE_UPSTREAM_TIMEOUT_MS, DEFAULT_TIMEOUTS.upstreamMs),
    uploadIdleMs: wholeNumberFromEnv('CONSOLE_UPLOAD_IDLE_TIMEOUT_MS', env.CONSOLE_UPLOAD_IDLE_TIMEOUT_MS, DEFAULT_TIMEOUTS.uploadIdleMs),
    bodyMs: wholeNumberFromEnv('CONSOLE_BODY_TIMEOUT_MS', env.CONSOLE_BODY_TIMEOUT_MS, DEFAULT_TIMEOUTS.bodyMs),
    readyMs: wholeNumberFromEnv('CONSOLE_READY_TIMEOUT_MS', env.CONSOLE_READY_TIMEOUT_MS, DEFAULT_TIMEOUTS.readyMs),
  };
}

export function uploadCapsFromEnv(env: LimitsEnv): UploadCaps {
  return {
    perClient: wholeNumberFromEnv('CONSOLE_MAX_UPLOADS_PER_CLIENT', env.CONSOLE_MAX_UPLOADS_PER_CLIENT, DEFAULT_UPLOAD_CAPS.perClient),
    total: wholeNumberFromEnv('CONSOLE_MAX_UPLOADS', env.CONSOLE_MAX_UPLOADS, DEFAULT_UPLOAD_CAPS.total),
  };
}

export function httpServerLimitsFromEnv(env: LimitsEnv): HttpServerLimits {
  const limits = {
    headersTimeoutMs: wholeNumberFromEnv(
      'CONSOLE_HEADERS_TIMEOUT_MS',
      env.CONSOLE_HEADERS_TIMEOUT_MS,
      DEFAULT_HTTP_SERVER_LIMITS.headersTimeoutMs,
    ),
    // 0 turns the whole-request backstop off (the per-route timeouts still apply).
    requestTimeoutMs: wholeNumberFromEnv(
      'CONSOLE_REQUEST_TIMEOUT_MS',
      env.CONSOLE_REQUEST_TIMEOUT_MS,
      DEFAULT_HTTP_SERVER_LIMITS.requestTimeoutMs,
      { min: 0 },
    ),
    keepAliveTimeoutMs: wholeNumberFromEnv(
      'CONSOLE_KEEP_ALIVE_TIMEOUT_MS',
      env.CONSOLE_KEEP_ALIVE_TIMEOUT_MS,
      DEFAULT_HTTP_SERVER_LIMITS.keepAliveTimeoutMs,
    ),
  };
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error('CONSOLE_HEADERS_TIMEOUT_MS must not be longer than CONSOLE_REQUEST_TIMEOUT_MS.');
  }
  return limits;
}

/**
 * The Node server options for those limits. Node checks headersTimeout/requestTimeout only every
 * connectionsCheckingInterval (30 s by default); once a second keeps the limits close to what they say.
 */
export function nodeServerOptions(limits: HttpServerLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1_000,
  };
}

/** Counts uploads in flight per client address and in total; `acquire` says why it refused. */
export function createUploadSlots(caps: UploadCaps) {
  const perClient = new Map<string, number>();
  let total = 0;
  return {
    acquire(client: string): { ok: true; release: () => void } | { ok: false; reason: 'client' | 'total' } {
      const mine = perClient.get(client) ?? 0;
      if (mine >= caps.perClient) return { ok: false, reason: 'client' };
      if (total >= caps.total) return { ok: false, reason: 'total' };
      perClient.set(client, mine + 1);
      total += 1;
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          total -= 1;
          const left = (perClient.get(client) ?? 1) - 1;
          if (left > 0) perClient.set(client, left);
          else perClient.delete(client);
        },
      };
    },
    inFlight: () => total,
  };
}
