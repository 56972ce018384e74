/**
 * Embed sessions: short-lived, signed tokens a partner's backend mints for its own origin and a
 * mode. The console server stays stateless: the token carries its own claims under an HMAC.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMBED_MODES, type EmbedMode } from '../contract/embed';

export interface EmbedClaims {
  origin: string;
  mode: EmbedMode;
  characterId: string | null;
  /** Expiry, epoch ms. */
  exp: number;
}

export const EMBED_TTL_DEFAULT_S = 1800;
export const EMBED_TTL_MIN_S = 60;
export const EMBED_TTL_MAX_S = 4 * 3600;
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
  let claims: EmbedClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as EmbedClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.origin !== 'string' || !EMBED_MODES.includes(claims.mode) || typeof claims.exp !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  if (nowMs >= claims.exp) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

const CHARACTER_PATH = /^\/v1\/characters\/([^/]+)(\/.*)?$/;

/**
 * What each mode may do. create: upload, classify, create, and look at what it created.
 * review: read characters and act on them (save, regenerate, resynthesize, rename, delete) —
 * never create. A session bound to a character reaches only that character.
 */
export function modeAllows(claims: EmbedClaims, method: string, path: string): boolean {
  if (method === 'GET' && path === '/v1/balance') return true;
  const character = CHARACTER_PATH.exec(path);
  const characterId = character?.[1];
  const isUploadRoute = characterId === 'uploads';
  if (claims.characterId && !isUploadRoute && characterId !== claims.characterId) return false;
  if (claims.mode === 'create') {
    if (method === 'POST' && (path === '/v1/characters/uploads/init' || path === '/v1/characters/uploads/classify')) return true;
    if (method === 'POST' && path === '/v1/characters') return true;
    return method === 'GET' && Boolean(characterId) && !isUploadRoute;
  }
  if (isUploadRoute || path === '/v1/characters' && method === 'POST') return false;
  if (method === 'GET') return path === '/v1/characters' || Boolean(characterId);
  return Boolean(characterId) && ['POST', 'PATCH', 'DELETE'].includes(method);
}
