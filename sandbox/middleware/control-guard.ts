/**
 * The `/_sandbox/*` controls need no key, so a page the developer happens to visit must not reach
 * them: a state-changing control must come from no browser page at all (curl, tests), or from a
 * page on the sandbox's own origin (the console serving the embedded sandbox), and carry JSON, so
 * a plain cross-site form or a `no-cors` fetch cannot reset or reconfigure it.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors';

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const isJson = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';

export const controlGuard: MiddlewareHandler = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site')?.toLowerCase();
  // Hosts, not origins: behind the console's TLS proxy the page is https while this request is http.
  const ownHost = new URL(c.req.url).host;
  const crossSite = origin !== undefined ? hostOf(origin) !== ownHost : site !== undefined && site !== 'same-origin' && site !== 'none';
  if (crossSite)
    throw new ApiError(
      403,
      'invalid_request',
      'cross_site_request',
      'The sandbox controls only take requests from its own origin or from no page at all.',
    );
  const hasBody =
    c.req.header('content-length') !== undefined ? c.req.header('content-length') !== '0' : c.req.header('transfer-encoding') !== undefined;
  if ((hasBody || c.req.header('content-type') !== undefined) && !isJson(c.req.header('content-type'))) {
    throw new ApiError(415, 'invalid_request', 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  }
  return next();
};
