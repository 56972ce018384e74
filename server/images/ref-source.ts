/**
 * Fetches a ref's bytes from the storage URL the API signed, for the console's own use (the
 * thumbnails). Guarded like the upload relay (server/upload-relay.ts): the URL is whatever the
 * API answered, so without this the console server could be made to GET from its own network.
 *
 * - The embedded sandbox serves refs on its /storage routes, in process: only those paths, no socket.
 * - A real storage host: on a trusted origin (the API's own, or one AUROUS_UPLOAD_ORIGINS lists,
 *   which may be on a private network), or else its host must resolve to public addresses only,
 *   and the connection goes to exactly the address that was checked (no DNS rebinding).
 * - Nothing but the URL is sent: no API key, no cookie, no Authorization. A redirect is followed
 *   (a proxy URL may answer 302 to a CDN) at most MAX_REDIRECTS times, each hop checked the same
 *   way, and still with no credentials.
 * - Every wait is bounded: connect and the answer's headers within the upstream timeout, then no
 *   stretch longer than the upload idle timeout without a byte; at most `maxBytes` are read.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pinPublicAddress, systemResolver, type ResolvedAddress, type Resolver } from '../address-guard';
import { readLimited, type ConsoleTimeouts } from '../limits';
import type { Upstream } from '../upstream';

export type RefFetch =
  | { ok: true; bytes: Uint8Array }
  | {
      ok: false;
      /** not_found: storage says the ref is gone; refused: an address the console does not fetch from. */
      reason: 'not_found' | 'refused' | 'rejected' | 'unreachable' | 'timeout' | 'too_large';
      status?: number;
      detail?: string;
    };

export interface RefSourceOptions {
  upstream: Upstream;
  /** Origins fetched from without the public-address check (the API's own, AUROUS_UPLOAD_ORIGINS). */
  trustedOrigins: readonly string[];
  timeouts: ConsoleTimeouts;
  maxBytes: number;
  resolve?: Resolver;
}

export const MAX_REDIRECTS = 3;

export type RefSource = (url: string) => Promise<RefFetch>;

export function refSource({ upstream, trustedOrigins, timeouts, maxBytes, resolve = systemResolver }: RefSourceOptions): RefSource {
  if (upstream.kind === 'sandbox') return (url) => fromSandbox(upstream, url, timeouts, maxBytes);
  return async (first) => {
    let url: URL;
    try {
      url = new URL(first);
    } catch {
      return { ok: false, reason: 'refused', detail: 'not a URL' };
    }
    for (let hop = 0; ; hop += 1) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'refused', detail: url.protocol };
      let pinned: ResolvedAddress | undefined;
      if (!trustedOrigins.includes(url.origin)) {
        const pin = await pinPublicAddress(url.hostname, resolve);
        if (!pin.ok) {
          return pin.reason === 'non_public'
            ? { ok: false, reason: 'refused', detail: `${url.origin} resolves to ${pin.address}` }
            : { ok: false, reason: 'unreachable', detail: `${url.hostname} did not resolve` };
        }
        pinned = pin.pinned;
      }
      const answer = await getOnce(url, pinned, timeouts, maxBytes);
      if (answer.kind !== 'answered') return { ok: false, reason: answer.kind };
      const { status } = answer;
      if (status >= 200 && status < 300 && answer.bytes) return { ok: true, bytes: answer.bytes };
      if (status >= 300 && status < 400 && answer.location) {
        if (hop >= MAX_REDIRECTS) return { ok: false, reason: 'rejected', status, detail: 'too many redirects' };
        try {
          url = new URL(answer.location, url);
        } catch {
          return { ok: false, reason: 'rejected', status, detail: 'bad redirect' };
        }
        continue;
      }
      return { ok: false, reason: status === 404 || status === 410 ? 'not_found' : 'rejected', status };
    }
  };
}

async function fromSandbox(upstream: Upstream, url: string, timeouts: ConsoleTimeouts, maxBytes: number): Promise<RefFetch> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'refused', detail: 'not a URL' };
  }
  // The sandbox signs refs for whichever origin asked; only its storage routes are ever fetched.
  if (!parsed.pathname.startsWith('/storage/')) return { ok: false, reason: 'refused', detail: parsed.pathname };
  try {
    const response = await upstream.fetch(new Request(parsed, { headers: { Accept: 'image/*' } }));
    if (response.status === 404 || response.status === 410) return { ok: false, reason: 'not_found', status: response.status };
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: 'rejected', status: response.status };
    }
    const bytes = await readLimited(response.body, maxBytes, timeouts.uploadIdleMs);
    return bytes ? { ok: true, bytes } : { ok: false, reason: 'too_large' };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}

function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

type GetOnce =
  | { kind: 'answered'; status: number; location?: string | undefined; bytes?: Uint8Array }
  | { kind: 'timeout' | 'unreachable' | 'too_large' };

/** One GET with no credentials: the body is read only for a 2xx answer. */
function getOnce(url: URL, pinned: ResolvedAddress | undefined, timeouts: ConsoleTimeouts, maxBytes: number): Promise<GetOnce> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: GetOnce) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ kind: 'timeout' }), ms);
    };
    const request = client.get(
      url,
      { agent: false, headers: { Accept: 'image/*' }, ...(pinned ? { lookup: pinnedLookup(pinned) } : {}) },
      (response) => {
        const status = response.statusCode ?? 502;
        if (status < 200 || status >= 300) {
          const location = response.headers.location;
          finish({ kind: 'answered', status, location });
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          finish({ kind: 'too_large' });
          return;
        }
        const chunks: Buffer[] = [];
        let seen = 0;
        arm(timeouts.uploadIdleMs);
        response.on('data', (chunk: Buffer) => {
          arm(timeouts.uploadIdleMs);
          seen += chunk.length;
          if (seen > maxBytes) finish({ kind: 'too_large' });
          else chunks.push(chunk);
        });
        response.on('end', () => finish({ kind: 'answered', status, bytes: Buffer.concat(chunks) }));
        response.on('error', () => finish({ kind: 'unreachable' }));
      },
    );
    // Connecting and the answer's headers: within the upstream timeout.
    arm(timeouts.upstreamMs);
    request.on('error', () => finish({ kind: 'unreachable' }));
  });
}
