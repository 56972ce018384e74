/**
 * The outermost /v1 middleware: mints the request id, then stamps the cross-cutting headers
 * (Aurous-Request-Id, Aurous-Version, X-RateLimit-*, Retry-After, replay flag) on EVERY
 * response, success or error, once the rest of the chain has answered.
 */
import type { MiddlewareHandler } from 'hono';
import { API_VERSION, KNOWN_API_VERSIONS } from '../../contract/aurous';
import type { SandboxEnv } from '../context';
import { invalid } from '../http/errors';
import { newId } from '../domain/ids';

const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const requestContext: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  c.set('requestId', newId('req'));
  c.set('version', API_VERSION);
  c.set('replayed', false);
  await next();
  c.header('Aurous-Request-Id', c.get('requestId'));
  c.header('Aurous-Version', c.get('version'));
  const limit = c.get('rateLimit');
  if (limit) {
    c.header('X-RateLimit-Limit', String(limit.limit));
    c.header('X-RateLimit-Remaining', String(limit.remaining));
    c.header('X-RateLimit-Reset', String(limit.reset));
    if (limit.retryAfter !== null) c.header('Retry-After', String(limit.retryAfter));
  }
  if (c.get('replayed')) c.header('Aurous-Idempotent-Replayed', 'true');
};

/** `Aurous-Version`: optional; when sent it must look like a date and be a known version. */
export const apiVersion: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const requested = c.req.header('Aurous-Version');
  if (requested !== undefined) {
    const known: readonly string[] = KNOWN_API_VERSIONS;
    if (!VERSION_PATTERN.test(requested) || !known.includes(requested)) {
      throw invalid('unknown_version', `Unknown API version. Known versions: ${KNOWN_API_VERSIONS.join(', ')}.`, 'Aurous-Version');
    }
    c.set('version', requested);
  }
  await next();
};
