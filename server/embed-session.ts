/**
 * Embed sessions: short-lived, signed tokens a partner's backend mints for its own origin and a
 * mode. The console server stays stateless: the token carries its own claims under an HMAC.
 * A token is a bearer token: whoever holds it can use it until it expires (the origin header it
 * must be sent with is set by the caller, so it proves little outside a browser).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMBED_MODES } from '../contract/embed';
import type { EmbedMode } from '../contract/embed';
import type { EndpointMatch } from '../contract/endpoints';

export interface EmbedClaims {
  origin: string;
  mode: EmbedMode;
  characterId: string | null;
  /** The partner's subject (its user or workspace id), or null. */
  sub: string | null;
  /** Expiry, epoch ms. */
  exp: number;
}

const TOKEN_PREFIX = 'aes_';

export function deriveEmbedKey(embedSecret: string): Buffer {
  return createHmac('sha256', embedSecret).update('aurous-console/embed-session/v1').digest();
}

export function signEmbedToken(key: Buffer, claims: EmbedClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', key).update(payload).digest('base64url');
  return `${TOKEN_PREFIX}${payload}.${mac}`;
}

export type EmbedCheck = { ok: true; claims: EmbedClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyEmbedToken(key: Buffer, token: string, nowMs: number): EmbedCheck {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'malformed' };
  const [payload, mac, ...rest] = token.slice(TOKEN_PREFIX.length).split('.');
  if (!payload || !mac || rest.length) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let claims: Partial<EmbedClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<EmbedClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { origin, mode, characterId = null, sub = null, exp } = claims;
  if (typeof origin !== 'string' || !mode || !EMBED_MODES.includes(mode) || typeof exp !== 'number')
    return { ok: false, reason: 'malformed' };
  if ((characterId !== null && typeof characterId !== 'string') || (sub !== null && typeof sub !== 'string'))
    return { ok: false, reason: 'malformed' };
  if (nowMs >= exp) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { origin, mode, characterId, sub, exp } };
}

/**
 * What each mode may do, from the endpoint table (contract/endpoints.ts). create: upload,
 * classify, create, and look at a character. review: read characters and act on them — never
 * create. A session bound to a character reaches only that character. A path outside the table
 * is refused.
 */
export function modeAllows(claims: EmbedClaims, match: EndpointMatch | null): boolean {
  if (!match || !match.endpoint.modes.includes(claims.mode)) return false;
  if (!claims.characterId) return true;
  const { bound } = match.endpoint;
  return bound === 'any' || (bound === 'own' && match.id === claims.characterId);
}

declare module 'hono' {
  interface ContextVariableMap {
    /** A checked embed session's claims (set by the embed guard). */
    embedClaims: EmbedClaims;
  }
}
