/**
 * `POST /api/embed/sessions` (the partner's backend mints a session) and the guard every /api
 * call from an embedded console passes: a valid, unexpired token, sent from the origin it was
 * minted for, asking for something its mode allows.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { EMBED_MODES, EMBED_ORIGIN_HEADER, normalizeOrigin, type EmbedMode, type EmbedSessionResponse } from '../contract/embed';
import { consoleError } from './console-error';
import type { EmbedConfig } from './embed-config';
import { EMBED_TTL_DEFAULT_S, EMBED_TTL_MAX_S, EMBED_TTL_MIN_S, modeAllows, signEmbedToken, verifyEmbedToken } from './embed-session';

const sameSecret = (given: string, expected: string) => {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
};

export function createEmbedSessionRoute(config: EmbedConfig) {
  return async (c: Context) => {
    if (!config.key || !config.secret) {
      return consoleError(c, 404, 'not_found', 'resource_not_found', 'Embedding is not enabled on this console (set CONSOLE_EMBED_SECRET).');
    }
    const auth = c.req.header('authorization') ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameSecret(given, config.secret)) {
      return consoleError(c, 401, 'authentication', 'invalid_embed_secret', 'Send the embed secret as `Authorization: Bearer <CONSOLE_EMBED_SECRET>`.');
    }
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return consoleError(c, 400, 'invalid_request', 'invalid_format', 'The body must be a JSON object.');
    const origin = typeof body.origin === 'string' ? normalizeOrigin(body.origin) : null;
    if (!origin) return consoleError(c, 400, 'invalid_request', 'invalid_format', 'origin must be an origin like https://partner.example.', 'origin');
    if (!config.origins.includes(origin)) {
      return consoleError(c, 400, 'invalid_request', 'origin_not_allowed', `${origin} is not in CONSOLE_EMBED_ORIGINS.`, 'origin');
    }
    const mode = body.mode;
    if (typeof mode !== 'string' || !EMBED_MODES.includes(mode as EmbedMode)) {
      return consoleError(c, 400, 'invalid_request', 'invalid_format', 'mode must be "create" or "review".', 'mode');
    }
    const ttl = body.ttl_s === undefined ? EMBED_TTL_DEFAULT_S : body.ttl_s;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < EMBED_TTL_MIN_S || ttl > EMBED_TTL_MAX_S) {
      return consoleError(c, 400, 'invalid_request', 'value_out_of_range', `ttl_s must be a whole number of seconds from ${EMBED_TTL_MIN_S} to ${EMBED_TTL_MAX_S}.`, 'ttl_s');
    }
    const characterId = body.character_id;
    if (characterId !== undefined && (typeof characterId !== 'string' || !/^char_[0-9A-Za-z]{1,64}$/.test(characterId))) {
      return consoleError(c, 400, 'invalid_request', 'invalid_format', 'character_id must be a character id (char_…).', 'character_id');
    }
    const exp = Date.now() + ttl * 1000;
    const token = signEmbedToken(config.key, { origin, mode: mode as EmbedMode, characterId: characterId ?? null, exp });
    const answer: EmbedSessionResponse = { session_token: token, expires_at: new Date(exp).toISOString() };
    c.header('Cache-Control', 'no-store');
    return c.json(answer, 201);
  };
}

/** For /api/v1/* and /api/uploads/*. */
export function embedGuard(config: EmbedConfig): MiddlewareHandler {
  return async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    if (!token) {
      if (config.requireSession) {
        return consoleError(c, 401, 'authentication', 'embed_session_required', 'This console only works embedded, with a session from the partner.');
      }
      return next();
    }
    if (!config.key) return consoleError(c, 401, 'authentication', 'embed_session_invalid', 'Embedding is not enabled on this console.');
    const check = verifyEmbedToken(config.key, token, Date.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? consoleError(c, 401, 'authentication', 'embed_session_expired', 'The embed session has expired; the host page must provide a new one.')
        : consoleError(c, 401, 'authentication', 'embed_session_invalid', 'The embed session token is not valid.');
    }
    const { claims } = check;
    const claimedOrigin = c.req.header(EMBED_ORIGIN_HEADER);
    if (claimedOrigin !== claims.origin || !config.origins.includes(claims.origin)) {
      return consoleError(c, 403, 'authentication', 'embed_origin_mismatch', 'The embed session was minted for another origin.');
    }
    const path = new URL(c.req.url).pathname.replace(/^\/api/, '');
    if (path.startsWith('/v1/') && !modeAllows(claims, c.req.method, path)) {
      return consoleError(c, 403, 'invalid_request', 'embed_mode_forbidden', `A ${claims.mode}-mode session cannot do this.`);
    }
    return next();
  };
}
