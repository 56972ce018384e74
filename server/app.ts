/**
 * The console server: the only origin the browser talks to. Stateless — every copy behind a
 * load balancer answers every request the same way.
 */
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiProxy } from './api-proxy';
import { mountTeamRoutes, signInGate, type TeamOptions } from './auth/team-routes';
import { consoleError } from './console-error';
import { EMBED_DISABLED, type EmbedConfig } from './embed-config';
import { createEmbedSessionRoute, embedGuard } from './embed-routes';
import { DEFAULT_MAX_UPLOAD_BYTES } from './limits';
import { createUploadRelay } from './upload-relay';
import { deriveTicketSecret } from './upload-ticket';
import type { Upstream } from './upstream';

export interface ConsoleOptions {
  upstream: Upstream;
  /** Folder of the built console (vite build output); omit to serve the API alone (dev, tests). */
  staticRoot?: string;
  ticketSecret?: string;
  /** Embedding in partner dashboards; off unless configured. */
  embed?: EmbedConfig;
  /** Largest upload the relay passes on (CONSOLE_MAX_UPLOAD_BYTES); default 64 MiB. */
  maxUploadBytes?: number;
  /** Origins upload tickets may point at (AUROUS_UPLOAD_ORIGINS); empty = any URL the API signed. */
  uploadOrigins?: readonly string[];
  /** People and sign-in (server/auth/*); omit to serve without a database (most server tests). */
  team?: TeamOptions;
}

const SANDBOX_PREFIXES = ['/v1/', '/storage/', '/_sandbox/'];

const contentSecurityPolicy = (frameAncestors: string) => [
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

const isEmbedPage = (pathname: string) => pathname === '/embed' || pathname.startsWith('/embed/');

/** `..` segments, backslashes, encoded slashes or NULs: never a file in the build folder. */
function isTraversal(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return /%2f|%5c|%00/i.test(pathname) || decoded.includes('\\') || decoded.includes('\0') || decoded.split('/').includes('..');
}

export function createConsoleApp({
  upstream,
  staticRoot,
  ticketSecret,
  embed = EMBED_DISABLED,
  maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
  uploadOrigins = [],
  team,
}: ConsoleOptions): Hono {
  const app = new Hono();
  const secret = deriveTicketSecret(ticketSecret, upstream.apiKey);
  // Only the embed page may be framed, and only by the configured partner origins.
  const embedFrameAncestors = embed.origins.length ? embed.origins.join(' ') : "'none'";

  // Security headers on every response: pages, assets, the SPA fallback, API JSON and the sandbox.
  app.use('*', async (c, next) => {
    await next();
    const { pathname } = new URL(c.req.url);
    const embedPage = isEmbedPage(pathname);
    c.header('Content-Security-Policy', contentSecurityPolicy(embedPage ? embedFrameAncestors : "'none'"));
    if (!embedPage) c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
  });

  app.post('/api/embed/sessions', createEmbedSessionRoute(embed));
  app.use('/api/v1/*', embedGuard(embed));
  app.use('/api/uploads/*', embedGuard(embed));
  if (team) {
    mountTeamRoutes(app, team);
    app.use('/api/v1/*', signInGate(team));
    app.use('/api/uploads/*', signInGate(team));
  }

  app.put('/api/uploads/:ticket', createUploadRelay(upstream, secret, { maxBytes: maxUploadBytes, allowedOrigins: uploadOrigins }));
  app.all('/api/v1/*', createApiProxy(upstream, secret));
  app.get('/api/health', (c) => c.json({ ok: true, upstream: upstream.kind }));
  app.all('/api/*', (c) => consoleError(c, 404, 'not_found', 'resource_not_found', 'No such console API route.'));

  // The embedded sandbox also answers on this port, so tests and curl can steer it here.
  const sandboxFetch = upstream.sandboxFetch;
  if (sandboxFetch) {
    app.use('*', async (c, next) => {
      const { pathname } = new URL(c.req.url);
      if (SANDBOX_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return sandboxFetch(c.req.raw);
      await next();
    });
  }

  if (staticRoot) {
    const indexFile = path.join(staticRoot, 'index.html');
    const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
    app.use('*', async (c, next) => {
      const { pathname } = new URL(c.req.url);
      // Static serving never leaves the build folder (serveStatic checks too; this refuses outright).
      if (isTraversal(pathname)) return c.text('Not found.', 404);
      await next();
      // The SDK module is imported from partners' pages.
      if (pathname === '/embed.mjs' || pathname === '/embed.js') c.header('Access-Control-Allow-Origin', '*');
    });
    app.use(
      '/assets/*',
      serveStatic({
        root: staticRoot,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.use('*', serveStatic({ root: staticRoot }));
    // Client-side routes (/characters/…) all load the app shell.
    app.get('*', (c) => {
      if (!indexHtml) return c.text('The console is not built yet: run `npm run build`.', 503);
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    });
  }
  return app;
}
