/**
 * Pipes a Node request body to a URL with real backpressure: `pipeline` pauses the browser's
 * upload whenever storage is slower, so memory stays at a few socket buffers whatever the file
 * size. (Hono's web-stream body, made with Readable.toWeb, buffers ahead without bound.)
 *
 * Every wait is bounded: connecting to storage, and any stretch with no byte moving either way
 * (the browser's body, storage reading it, storage's answer). A browser that goes away ends the
 * storage request at once, so no socket outlives the upload.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { ResolvedAddress } from './address-guard';

export type NodePutResult =
  | { kind: 'answered'; status: number }
  | { kind: 'too_large' }
  /** Storage did not connect, stopped reading, or did not answer within the timeouts. */
  | { kind: 'storage_timeout' }
  /** The browser stopped sending for the idle timeout. */
  | { kind: 'client_idle' }
  /** The browser disconnected. */
  | { kind: 'client_gone' }
  | { kind: 'unreachable' };

export interface NodePutOptions {
  maxBytes: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  /** Connect to this (already checked) address instead of resolving the URL's host again. */
  pinned?: ResolvedAddress;
  /** Fires when the browser's connection closes before it got an answer. */
  browserGone?: AbortSignal;
}

/**
 * Keep-alive connections to storage, one pool per protocol and pinned address, so a run of
 * uploads does not open (and, over TLS, handshake) a new connection for each. A pool only ever
 * reaches the address it is keyed by; the pinned lookup is per request and agrees with the key.
 */
const agents = new Map<string, http.Agent>();
const MAX_POOLS = 32;
function agentFor(protocol: string, pinned: ResolvedAddress | undefined): http.Agent {
  const key = `${protocol}|${pinned ? `${pinned.address}/${pinned.family}` : ''}`;
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= MAX_POOLS) {
      const [oldest, pool] = agents.entries().next().value as [string, http.Agent];
      pool.destroy();
      agents.delete(oldest);
    }
    // An idle pooled socket is dropped after 4 s, before a server's usual 5 s keep-alive ends it under us.
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 8, timeout: 4_000 };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

export function nodePut(url: string, source: Readable, headers: Record<string, string>, options: NodePutOptions): Promise<NodePutResult> {
  const { maxBytes, connectTimeoutMs, idleTimeoutMs, pinned, browserGone } = options;
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let seen = 0;
    let bodyDone = false;
    let outcome: NodePutResult | null = null;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    // When a byte last moved. Chunks only stamp it; one timer checks it, instead of a timer per chunk.
    let lastMove = performance.now();
    let connectTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (result: NodePutResult) => {
      if (outcome) return;
      outcome = result;
      clearTimeout(idleTimer);
      clearTimeout(connectTimer);
      browserGone?.removeEventListener('abort', onBrowserGone);
      resolve(result);
    };
    /** Ends the storage request (its socket closes) and settles with `result`. */
    const stop = (result: NodePutResult) => {
      finish(result);
      request.destroy();
    };
    const onBrowserGone = () => stop({ kind: 'client_gone' });
    const checkIdle = () => {
      if (outcome) return;
      const idleFor = performance.now() - lastMove;
      if (idleFor < idleTimeoutMs) {
        idleTimer = setTimeout(checkIdle, idleTimeoutMs - idleFor);
        return;
      }
      // Nothing moved: storage's fault if it has the whole body or stopped taking it.
      stop(bodyDone || request.writableNeedDrain ? { kind: 'storage_timeout' } : { kind: 'client_idle' });
    };
    const touch = () => {
      if (outcome) return;
      lastMove = performance.now();
      idleTimer ??= setTimeout(checkIdle, idleTimeoutMs);
    };

    // Counts on the way through and stops the upload once it passes the limit.
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        touch();
        seen += chunk.length;
        if (seen > maxBytes) {
          finish({ kind: 'too_large' });
          callback(new Error('upload over the size limit'));
          return;
        }
        callback(null, chunk);
      },
      flush(callback) {
        bodyDone = true;
        touch();
        callback();
      },
    });
    const request = client.request(
      target,
      { method: 'PUT', headers, agent: agentFor(target.protocol, pinned), ...(pinned ? { lookup: pinnedLookup(pinned) } : {}) },
      (response) => {
        touch();
        response.on('data', touch);
        response.on('end', () => finish({ kind: 'answered', status: response.statusCode ?? 502 }));
        response.on('error', () => finish({ kind: 'unreachable' }));
      },
    );
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => stop({ kind: 'storage_timeout' }), connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('error', () => finish({ kind: 'unreachable' }));
    // The browser's side: a reset or close before the body ended means nobody waits for the answer.
    source.on('error', () => finish({ kind: 'client_gone' }));
    if (browserGone?.aborted) onBrowserGone();
    else browserGone?.addEventListener('abort', onBrowserGone, { once: true });

    touch();
    pipeline(source, limit, request, (error) => {
      if (!error) return;
      request.destroy();
      finish({ kind: 'unreachable' });
    });
  });
}
