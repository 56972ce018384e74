/**
 * Checking `Aurous-Webhook-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (webhooks.md): the
 * HMAC-SHA256 of `${t}.${raw_body}` keyed with the secret (the whole `whsec_…` string), compared
 * in constant time against every v1= given (the API may send two during a secret rotation), and
 * `t` within the tolerance of this server's clock either way.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signed timestamp further than this from our clock is refused (a captured delivery replayed later). */
export const WEBHOOK_TOLERANCE_S = 5 * 60;

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'timestamp' | 'mismatch' };

export function checkSignature(
  header: string | undefined,
  rawBody: Uint8Array,
  secrets: readonly string[],
  nowS: number = Math.floor(Date.now() / 1000),
  toleranceS: number = WEBHOOK_TOLERANCE_S,
): SignatureCheck {
  if (!header || header.length > 4096) return { ok: false, reason: 'malformed' };
  const parts = header.split(',').map((part) => part.trim());
  const stamps = parts.filter((part) => part.startsWith('t=')).map((part) => part.slice(2));
  const given = parts.filter((part) => part.startsWith('v1=')).map((part) => part.slice(3));
  if (stamps.length !== 1 || !/^\d{1,12}$/.test(stamps[0]!) || given.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(stamps[0]);
  if (Math.abs(nowS - timestamp) > toleranceS) return { ok: false, reason: 'timestamp' };
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`), rawBody]);
  const candidates = given.filter((hex) => /^[0-9a-f]{64}$/i.test(hex)).map((hex) => Buffer.from(hex, 'hex'));
  let matched = false;
  // Every pair is compared (no early exit), each in constant time.
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(signed).digest();
    for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
