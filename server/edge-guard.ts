/**
 * The checks every request passes before any route sees it:
 *
 * - Host: the request must be addressed to one of the console's own names (CONSOLE_PUBLIC_URL).
 *   A DNS-rebinding page (rebind.attacker.example resolving to 127.0.0.1) sends its own name as
 *   Host, so it gets 421 instead of the API.
 * - Cross-site writes: a state-changing request sent by a browser must come from the console's own
 *   origin or a configured embed origin. Browsers name the sender in `Origin` (every POST, PUT,
 *   PATCH and DELETE) or, failing that, in `Sec-Fetch-Site`. A request with neither header is not
 *   from a browser page (curl, the partner's backend minting embed sessions, tests) and is allowed:
 *   it carries no browser's cookies, so it cannot ride on a signed-in user.
 * - JSON routes take `application/json` only, so a plain HTML form (text/plain, urlencoded,
 *   multipart) cannot reach them even from an allowed origin, and cross-origin scripts must pass a
 *   CORS preflight this server never grants.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { consoleError } from './console-error';
import { incomingOf } from './embed-path';

export interface EdgePolicy {
  /** The console's own origins; null: any loopback name on any port (createConsoleApp's default). */
  publicOrigins: readonly string[] | null;
  /** Partner origins that frame the console (CONSOLE_EMBED_ORIGINS); they may write too. */
  embedOrigins: readonly string[];
  /** Believe X-Forwarded-Host (and X-Forwarded-Proto, see security-headers). */
  trustProxy: boolean;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** First value of a possibly comma-joined forwarded header. */
export function firstForwarded(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first || undefined;
}

/** The host the browser addressed: Host, or X-Forwarded-Host from a trusted proxy. */
function requestedHost(c: Context, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? firstForwarded(c.req.header('x-forwarded-host')) : undefined;
  return (forwarded ?? c.req.header('host'))?.toLowerCase();
}

/** A Host value that is exactly a host[:port], nothing a URL parser would reinterpret. */
function parseHost(host: string): URL | null {
  try {
    const url = new URL(`http://${host}`);
    return url.host === host || `${url.hostname}:80` === host ? url : null;
  } catch {
    return null;
  }
}

/** Liveness and readiness probes come from load balancers that address the copy by its IP. */
const isHealthProbe = (method: string, pathname: string) =>
  (method === 'GET' || method === 'HEAD') &&
  (pathname === '/api/health' || pathname === '/api/ready' || pathname.startsWith('/api/health/'));

export function hostGuard(policy: EdgePolicy): MiddlewareHandler {
  const allowedHosts = policy.publicOrigins ? new Set(policy.publicOrigins.map((origin) => new URL(origin).host)) : null;
  const allowed = (host: string) => {
    if (allowedHosts) return allowedHosts.has(host);
    const parsed = parseHost(host);
    return parsed !== null && LOOPBACK_NAMES.has(parsed.hostname);
  };
  return async (c, next) => {
    const { pathname } = new URL(c.req.url);
    // Only a proxy takes an absolute-form target (`GET http://other/api/… HTTP/1.1`). Node builds
    // the request URL from it, so its origin, not Host, would name the console: refuse it.
    const target = incomingOf(c)?.url;
    if (target !== undefined && !target.startsWith('/')) {
      return consoleError(c, 400, 'invalid_request', 'invalid_request_target', 'The request target must be a path (this is not a proxy).');
    }
    const host = requestedHost(c, policy.trustProxy);
    if ((host && allowed(host)) || isHealthProbe(c.req.method, pathname)) return next();
    const shown = host ? `"${host.slice(0, 100)}"` : 'no host';
    const message = `This console does not answer to ${shown}: use its address (CONSOLE_PUBLIC_URL).`;
    if (pathname.startsWith('/api/')) return consoleError(c, 421, 'invalid_request', 'host_not_allowed', message);
    return c.text(message, 421);
  };
}

const isJsonRoute = (pathname: string) =>
  (pathname.startsWith('/api/') && !pathname.startsWith('/api/uploads/')) || pathname.startsWith('/_sandbox/');

const mediaType = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase();

/** Routes a no-script page's own form posts to (the setup link's page): they take a form body too. */
const FORM_ROUTES = new Set(['/api/team/join']);

const acceptedType = (pathname: string, contentType: string) =>
  mediaType(contentType) === 'application/json' ||
  (FORM_ROUTES.has(pathname) && mediaType(contentType) === 'application/x-www-form-urlencoded');

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

export function crossSiteGuard(policy: EdgePolicy): MiddlewareHandler {
  const ownOrigins = (c: Context) => {
    if (policy.publicOrigins) return policy.publicOrigins;
    // Loopback default: the Host guard has already checked the name, so its own origin is http://<Host>.
    const host = requestedHost(c, policy.trustProxy);
    return host ? [`http://${host}`] : [];
  };
  const refuse = (c: Context, why: string) =>
    consoleError(
      c,
      403,
      'invalid_request',
      'cross_site_request',
      `${why} This console only accepts changes from its own pages and its embed partners.`,
    );
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();

    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const sender = origin.trim().toLowerCase();
      const allowed = sender !== 'null' && (ownOrigins(c).includes(sender) || policy.embedOrigins.includes(sender));
      if (!allowed)
        return refuse(
          c,
          `Requests from ${sender === 'null' ? 'an opaque origin' : JSON.stringify(origin.slice(0, 100))} cannot change anything here.`,
        );
    } else {
      const site = c.req.header('sec-fetch-site')?.trim().toLowerCase();
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return refuse(c, `A ${JSON.stringify(site.slice(0, 20))} request cannot change anything here.`);
      }
    }

    const { pathname } = new URL(c.req.url);
    if (isJsonRoute(pathname)) {
      const contentType = c.req.header('content-type');
      if (contentType === undefined ? hasBody(c) : !acceptedType(pathname, contentType)) {
        return consoleError(
          c,
          415,
          'invalid_request',
          'unsupported_media_type',
          'Send the body as JSON, with Content-Type: application/json.',
        );
      }
    }
    return next();
  };
}
