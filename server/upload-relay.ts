/**
 * `PUT /api/uploads/<ticket>`: streams the browser's bytes to the signed upload URL the ticket
 * names. The Aurous upload host sends no CORS headers, so the browser cannot PUT there itself.
 * The body is piped, never buffered: memory stays flat whatever the file size.
 *
 * Not an open proxy: the ticket must carry our HMAC and be unexpired, its URL must be on an
 * allowed upload origin, and the body may not pass the size limit.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpBindings } from '@hono/node-server';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pinPublicAddress, systemResolver, type ResolvedAddress, type Resolver } from './address-guard';
import { consoleError } from './console-error';
import { nodePut, type NodePutResult } from './node-put';
import {
  byteLimit,
  createUploadSlots,
  declaredLength,
  DEFAULT_TIMEOUTS,
  DEFAULT_UPLOAD_CAPS,
  type ConsoleTimeouts,
  type UploadCaps,
} from './limits';
import { verifyTicket } from './upload-ticket';
import type { Upstream } from './upstream';

export interface UploadRelayOptions {
  /** Largest body relayed, in bytes (equality allowed). */
  maxBytes: number;
  /**
   * Origins a ticket's URL may point at (AUROUS_UPLOAD_ORIGINS). Empty: any origin the API signed
   * whose host resolves to public addresses only. A listed origin is trusted even on a private
   * address (storage on the same network). The embedded sandbox stores on the request's own origin,
   * in process: it never opens a socket, so the address check does not apply to it.
   */
  allowedOrigins: readonly string[];
  timeouts?: ConsoleTimeouts;
  caps?: UploadCaps;
  /** DNS for the address check (tests pass their own). */
  resolve?: Resolver;
}

/** Seconds a client is told to wait before trying again when the relay is full. */
const RETRY_AFTER_S = 5;

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Resolves with the promise's value, or with `onTimeout()` after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createUploadRelay(
  upstream: Upstream,
  ticketSecret: Buffer,
  { maxBytes, allowedOrigins, timeouts = DEFAULT_TIMEOUTS, caps = DEFAULT_UPLOAD_CAPS, resolve = systemResolver }: UploadRelayOptions,
) {
  const slots = createUploadSlots(caps);
  return async (c: Context) => {
    const invalid = () => consoleError(c, 403, 'invalid_request', 'upload_ticket_invalid', 'This upload link is not valid.');
    const check = verifyTicket(ticketSecret, c.req.param('ticket') ?? '', Date.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? consoleError(c, 403, 'invalid_request', 'upload_url_expired', 'This upload link has expired. Start the upload again.')
        : invalid();
    }
    const target = originOf(check.url);
    const allowed = upstream.kind === 'sandbox' ? [new URL(c.req.url).origin, ...allowedOrigins] : allowedOrigins;
    if (!target || (allowed.length > 0 && !allowed.includes(target))) return invalid();

    const tooLarge = () => consoleError(c, 413, 'invalid_request', 'file_too_large', `The file is over the ${maxBytes}-byte upload limit.`);
    const contentLength = c.req.header('content-length');
    const declared = declaredLength(contentLength);
    if (declared !== null && !(declared <= maxBytes)) return tooLarge();

    const bindings = c.env as Partial<HttpBindings> | undefined;
    const incoming = bindings?.incoming;
    const slot = slots.acquire(incoming?.socket.remoteAddress ?? 'unknown');
    if (!slot.ok) {
      c.header('Retry-After', String(RETRY_AFTER_S));
      // The body is not read: the connection cannot carry another request.
      c.header('Connection', 'close');
      return slot.reason === 'client'
        ? consoleError(
            c,
            429,
            'rate_limit',
            'too_many_uploads',
            `Too many uploads at once from this address (at most ${caps.perClient}). Try again in ${RETRY_AFTER_S} s.`,
          )
        : consoleError(
            c,
            503,
            'server_error',
            'uploads_busy',
            `The console is relaying as many uploads as it can (${caps.total}). Try again in ${RETRY_AFTER_S} s.`,
          );
    }
    try {
      const headers = new Headers();
      const contentType = c.req.header('content-type');
      if (contentType) headers.set('Content-Type', contentType);
      if (contentLength) headers.set('Content-Length', contentLength);

      let status: number;
      if (upstream.kind === 'aurous') {
        // A real storage host over the network: check where it is, then pipe with backpressure.
        let pinned: ResolvedAddress | undefined;
        if (!allowedOrigins.includes(target)) {
          const hostname = new URL(check.url).hostname;
          const pin = await withTimeout(
            pinPublicAddress(hostname, resolve),
            timeouts.upstreamMs,
            () => ({ ok: false, reason: 'unresolvable' }) as const,
          );
          if (!pin.ok && pin.reason === 'non_public') {
            console.warn(
              `[console] upload relay refused ${target}: it resolves to ${pin.address}, not a public address (list it in AUROUS_UPLOAD_ORIGINS to allow it)`,
            );
            return consoleError(
              c,
              403,
              'invalid_request',
              'upload_destination_refused',
              'This upload link points at a private network address; the console does not relay there unless AUROUS_UPLOAD_ORIGINS lists it.',
            );
          }
          if (!pin.ok) return storageUnreachable(c);
          pinned = pin.pinned;
        }
        // Only touch c.req.raw.body without a Node request: reading it starts draining `incoming`.
        const source = incoming ?? webBodyAsNode(c.req.raw.body);
        const browserGone = new AbortController();
        const outgoing = bindings?.outgoing;
        const onClose = () => {
          if (!outgoing?.writableFinished) browserGone.abort();
        };
        outgoing?.once('close', onClose);
        const result = await nodePut(check.url, source, Object.fromEntries(headers), {
          maxBytes,
          connectTimeoutMs: timeouts.upstreamMs,
          idleTimeoutMs: timeouts.uploadIdleMs,
          pinned,
          browserGone: browserGone.signal,
        }).finally(() => outgoing?.off('close', onClose));
        if (result.kind !== 'answered') return putFailed(c, result, maxBytes, timeouts);
        status = result.status;
      } else {
        // The embedded sandbox, in process: web streams. A chunked body has no declared length,
        // so it is counted on the way through and cut off past the limit.
        const limit = byteLimit(maxBytes);
        const body = c.req.raw.body?.pipeThrough(limit.stream) ?? null;
        let response: Response;
        try {
          response = await upstream.fetch(new Request(check.url, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit));
        } catch {
          if (limit.exceeded()) return tooLarge();
          return storageUnreachable(c);
        }
        // Drain the storage host's answer (its format is its own) and answer in the API's terms.
        await response.arrayBuffer().catch(() => undefined);
        if (limit.exceeded()) return tooLarge();
        status = response.status;
      }
      if (status >= 200 && status < 300) return c.json({ ok: true }, 200);
      if (status === 403) {
        return consoleError(
          c,
          403,
          'invalid_request',
          'upload_url_expired',
          'Storage refused the upload: its signed link expired or was invalid.',
        );
      }
      return consoleError(
        c,
        (status >= 400 && status <= 599 ? status : 502) as ContentfulStatusCode,
        status >= 500 ? 'server_error' : 'invalid_request',
        'upload_rejected',
        `Storage refused the upload (HTTP ${status}).`,
      );
    } finally {
      slot.release();
    }
  };
}

function webBodyAsNode(body: ReadableStream<Uint8Array> | null): Readable {
  return body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([]);
}

const storageUnreachable = (c: Context) =>
  consoleError(c, 502, 'server_error', 'upload_upstream_failed', 'The upload could not reach storage.');

function putFailed(c: Context, result: Exclude<NodePutResult, { kind: 'answered' }>, maxBytes: number, timeouts: ConsoleTimeouts) {
  switch (result.kind) {
    case 'too_large':
      return consoleError(c, 413, 'invalid_request', 'file_too_large', `The file is over the ${maxBytes}-byte upload limit.`);
    case 'storage_timeout':
      console.warn(
        `[console] upload relay: storage did not connect (${timeouts.upstreamMs} ms) or went ${timeouts.uploadIdleMs} ms without reading or answering; upload ended`,
      );
      return consoleError(c, 504, 'server_error', 'upload_storage_timeout', 'Storage did not answer in time.');
    case 'client_idle':
      c.header('Connection', 'close');
      return consoleError(c, 408, 'invalid_request', 'request_timeout', `No upload bytes arrived for ${timeouts.uploadIdleMs / 1000} s.`);
    case 'client_gone':
      // An ordinary abort (the person removed the file, closed the tab): nobody to answer, nothing to log.
      return consoleError(c, 400, 'invalid_request', 'client_closed', 'The upload was cancelled.');
    case 'unreachable':
      return storageUnreachable(c);
  }
}
