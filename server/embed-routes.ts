/**
 * `POST /api/embed/sessions` (the partner's backend mints a session) and the guard every /api
 * call from an embedded console passes: a valid, unexpired token, sent from the origin it was
 * minted for, asking for something its mode allows (the endpoint table says what), on a path
 * that means one thing only.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { EMBED_ORIGIN_HEADER, type EmbedSessionResponse } from '../contract/embed';
import { EMBED_TTL_DEFAULT_S, embedSessionRequest } from '../contract/embed-session-request';
import { matchEndpoint } from '../contract/endpoints';
import { consoleError } from './console-error';
import type { EmbedConfig } from './embed-config';
import { guardCreateSession } from './embed-ownership';
import { apiPathOf, incomingOf } from './embed-path';
import { createMintLimiter, type MintLimiter } from './embed-rate-limit';
import { modeAllows, signEmbedToken, verifyEmbedToken } from './embed-session';
import { embedScope } from './scope/scope';

const sameSecret = (given: string, expected: string) => {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
};

/** The socket's peer (no proxy header is trusted here). */
const clientAddress = (c: Context) => incomingOf(c)?.socket.remoteAddress ?? 'unknown';

export function createEmbedSessionRoute(config: EmbedConfig, limiter: MintLimiter = createMintLimiter()) {
  return async (c: Context) => {
    if (!config.key || !config.secret) {
      return consoleError(
        c,
        404,
        'not_found',
        'resource_not_found',
        'Embedding is not enabled on this console (set CONSOLE_EMBED_SECRET).',
      );
    }
    const address = clientAddress(c);
    const admission = limiter.admit(address);
    if (!admission.ok) {
      c.header('Retry-After', String(admission.retryAfterS));
      return consoleError(
        c,
        429,
        'rate_limit',
        'too_many_requests',
        `Too many session requests from this address. Retry in ${admission.retryAfterS} s.`,
      );
    }
    const auth = c.req.header('authorization') ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameSecret(given, config.secret)) {
      const failures = limiter.failed(address);
      console.warn(`[embed] wrong embed secret from ${address} (${failures} this minute)`);
      return consoleError(
        c,
        401,
        'authentication',
        'invalid_embed_secret',
        'Send the embed secret as `Authorization: Bearer <CONSOLE_EMBED_SECRET>`.',
      );
    }
    const parsed = embedSessionRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
      const param = typeof field === 'string' ? field : null;
      return consoleError(
        c,
        400,
        'invalid_request',
        param === 'ttl_s' ? 'value_out_of_range' : 'invalid_format',
        issue?.message ?? 'The body must be a JSON object.',
        param,
      );
    }
    const { origin, mode, ttl_s: ttl = EMBED_TTL_DEFAULT_S, character_id: characterId = null, subject = null } = parsed.data;
    if (!config.origins.includes(origin)) {
      return consoleError(c, 400, 'invalid_request', 'origin_not_allowed', `${origin} is not in CONSOLE_EMBED_ORIGINS.`, 'origin');
    }
    const exp = Date.now() + ttl * 1000;
    const token = signEmbedToken(config.key, { origin, mode, characterId, sub: subject, exp });
    const answer: EmbedSessionResponse = { session_token: token, expires_at: new Date(exp).toISOString() };
    c.header('Cache-Control', 'no-store');
    return c.json(answer, 201);
  };
}

/**
 * For /api/v1 and /api/v1/*, /api/characters and /api/uploads/*. A valid session's claims are
 * left in `c.get('embedClaims')` for the scope layer. With the console's database (`indexed`)
 * the scope layer also decides which characters the session reaches; without one (tests that
 * run no database) an unbound create session is checked here against the stamp on the answer.
 */
export function embedGuard(config: EmbedConfig, { indexed = false }: { indexed?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const api = apiPathOf(c);
    if (!api.ok) return consoleError(c, 400, 'invalid_request', 'invalid_path', api.message);
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    // No session: a signed-in person's call, which the sign-in gate judges next.
    if (!token) return next();
    if (!config.key) return consoleError(c, 401, 'authentication', 'embed_session_invalid', 'Embedding is not enabled on this console.');
    const check = verifyEmbedToken(config.key, token, Date.now());
    if (!check.ok) {
      return check.reason === 'expired'
        ? consoleError(
            c,
            401,
            'authentication',
            'embed_session_expired',
            'The embed session has expired; the host page must provide a new one.',
          )
        : consoleError(c, 401, 'authentication', 'embed_session_invalid', 'The embed session token is not valid.');
    }
    const { claims } = check;
    const claimedOrigin = c.req.header(EMBED_ORIGIN_HEADER);
    if (claimedOrigin !== claims.origin || !config.origins.includes(claims.origin)) {
      return consoleError(c, 403, 'authentication', 'embed_origin_mismatch', 'The embed session was minted for another origin.');
    }
    c.set('embedClaims', claims);
    if (api.path !== '/v1' && !api.path.startsWith('/v1/')) {
      // Routed as /api/v1/* yet sent as something else (an absolute-form target, say): it would be
      // judged in one shape and forwarded in another, so it is refused, never passed on.
      if (new URL(c.req.url).pathname.startsWith('/api/v1')) {
        return consoleError(c, 400, 'invalid_request', 'invalid_path', 'The request target must be a path starting with /api/v1.');
      }
      return next();
    }
    const match = matchEndpoint(c.req.method, api.path);
    if (!match || !modeAllows(claims, match)) {
      return consoleError(c, 403, 'invalid_request', 'embed_mode_forbidden', `A ${claims.mode}-mode session cannot do this.`);
    }
    // A session bound to a character was given that character by the partner; an unbound
    // create session reaches only what it created.
    if (!indexed && claims.mode === 'create' && !claims.characterId) {
      return guardCreateSession(c, next, match, embedScope(config.key, claims.origin, claims.sub));
    }
    return next();
  };
}
