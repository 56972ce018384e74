/**
 * Security headers on every response: pages, assets, the SPA fallback, API JSON, the console's own
 * errors and the sandbox.
 *
 * Cross-origin reach, deliberately: the SDK (/embed.js, /embed.mjs) is loaded by partners' pages
 * and the /embed page is framed by them, so those three are `Cross-Origin-Resource-Policy:
 * cross-origin` (a partner page with COEP could not load them otherwise); everything else is
 * same-origin. Who may frame /embed is still decided by CSP frame-ancestors.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { firstForwarded } from './edge-guard';

export interface SecurityHeaderOptions {
  /** Partner origins allowed to frame /embed (CONSOLE_EMBED_ORIGINS). */
  embedOrigins: readonly string[];
  /** Believe X-Forwarded-Proto: https from the proxy in front (CONSOLE_TRUST_PROXY). */
  trustProxy: boolean;
}

const contentSecurityPolicy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "img-src 'self' blob: data: https:",
    "style-src 'self' 'unsafe-inline'",
    // wasm-unsafe-eval lets the lazily loaded HEIC converter compile its WebAssembly; it does not allow JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

/** Nothing in the console uses these; a compromised script or a framed page cannot ask for them. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ');

/** One year; subdomains are left to the operator (they may serve other things over HTTP). */
export const HSTS = 'max-age=31536000';

export const isEmbedPage = (pathname: string) => pathname === '/embed' || pathname.startsWith('/embed/');
const SDK_FILES = new Set(['/embed.js', '/embed.mjs']);

export function securityHeaders({ embedOrigins, trustProxy }: SecurityHeaderOptions): MiddlewareHandler {
  // Only the embed page may be framed, and only by the configured partner origins.
  const embedFrameAncestors = embedOrigins.length ? embedOrigins.join(' ') : "'none'";
  return async (c, next) => {
    await next();
    const url = new URL(c.req.url);
    const embedPage = isEmbedPage(url.pathname);
    const https = url.protocol === 'https:' || (trustProxy && firstForwarded(c.req.header('x-forwarded-proto'))?.toLowerCase() === 'https');
    const headers: [string, string][] = [
      ['Content-Security-Policy', contentSecurityPolicy(embedPage ? embedFrameAncestors : "'none'")],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['Permissions-Policy', PERMISSIONS_POLICY],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Resource-Policy', embedPage || SDK_FILES.has(url.pathname) ? 'cross-origin' : 'same-origin'],
    ];
    if (!embedPage) headers.push(['X-Frame-Options', 'DENY']);
    if (https) headers.push(['Strict-Transport-Security', HSTS]);
    setOnResponse(c, headers);
  };
}

/**
 * Sets headers on the response already made, in place. `c.header()` after a handler answered makes
 * a new Response around the old one's body at every call (Hono's context), which turned the
 * node server's lightweight response into a full one eight times per request: 8 % of the console's
 * CPU per proxied call. A response whose headers cannot change (`Response.redirect`, or one
 * straight from fetch) still gets them through `c.header()`.
 */
function setOnResponse(c: Context, headers: readonly [string, string][]) {
  try {
    const target = c.res.headers;
    for (const [name, value] of headers) target.set(name, value);
  } catch {
    for (const [name, value] of headers) c.header(name, value);
  }
}
