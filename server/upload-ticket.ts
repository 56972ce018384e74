/**
 * Upload tickets: the signed upload URL the API returned, wrapped in an HMAC so the browser can
 * hand it back to `/api/uploads/<ticket>` without the server keeping any state. A ticket can only
 * ever name a URL the API gave out, so the console server is never an open proxy.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

interface TicketPayload {
  /** The upstream signed PUT URL. */
  u: string;
  /** Expiry, epoch ms (the upload URL's own expires_at). */
  e: number;
}

export type TicketCheck = { ok: true; url: string } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Shortest CONSOLE_TICKET_SECRET accepted: 32 characters (e.g. `openssl rand -hex 16`). */
export const TICKET_SECRET_MIN_LENGTH = 32;

/** `CONSOLE_TICKET_SECRET`, trimmed; undefined when unset; an error when too short to be a secret. */
export function ticketSecretFromEnv(value: string | undefined): string | undefined {
  const secret = value?.trim();
  if (!secret) return undefined;
  if (secret.length < TICKET_SECRET_MIN_LENGTH) {
    throw new Error(`CONSOLE_TICKET_SECRET must be at least ${TICKET_SECRET_MIN_LENGTH} characters (try \`openssl rand -hex 32\`).`);
  }
  return secret;
}

export function deriveTicketSecret(explicitSecret: string | undefined, apiKey: string): Buffer {
  // CONSOLE_TICKET_SECRET, shared by every copy behind a load balancer, so that knowing the API
  // key is not enough to mint tickets; without it (the sandbox, a quick local run) the secret is
  // derived from the API key, which every copy also shares. Set it with a real API.
  return createHmac('sha256', explicitSecret || apiKey)
    .update('aurous-console/upload-ticket/v1')
    .digest();
}

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signTicket(secret: Buffer, url: string, expiresAtMs: number): string {
  const payload = Buffer.from(JSON.stringify({ u: url, e: expiresAtMs } satisfies TicketPayload)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyTicket(secret: Buffer, ticket: string, nowMs: number): TicketCheck {
  const [payload, signature, ...rest] = ticket.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { u, e } = (parsed ?? {}) as Partial<TicketPayload>;
  if (typeof u !== 'string' || typeof e !== 'number') return { ok: false, reason: 'malformed' };
  if (nowMs > e) return { ok: false, reason: 'expired' };
  return { ok: true, url: u };
}
