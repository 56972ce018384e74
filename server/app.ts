/**
 * The console server: the only origin the browser talks to. Stateless — every copy behind a
 * load balancer answers every request the same way.
 */
import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiProxy } from './api-proxy';
import { mountTeamAdminRoutes } from './auth/team-admin-routes';
import { mountTeamRoutes, signInGate, type TeamOptions } from './auth/team-routes';
import { mountActivityRoutes } from './audit/activity-routes';
import { mountReviewRoutes } from './review/review-routes';
import { consoleError } from './console-error';
import { EMBED_DISABLED, type EmbedConfig } from './embed-config';
import { createEmbedSessionRoute, embedGuard } from './embed-routes';
import { crossSiteGuard, hostGuard, type EdgePolicy } from './edge-guard';
import { securityHeaders } from './security-headers';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_TIMEOUTS, DEFAULT_UPLOAD_CAPS, type ConsoleTimeouts, type UploadCaps } from './limits';
import type { Resolver } from './address-guard';
import { createReadiness } from './readiness';
import { createUploadRelay } from './upload-relay';
import { CHARACTER_INDEX_PATH } from '../contract/character-index';
import { THUMBNAIL_ROUTE } from '../contract/thumbnails';
import { POSE_HISTORY_ROUTE, POSE_VERSION_IMAGE_ROUTE } from '../contract/pose-history';
import { databaseImageStore } from './images/image-store';
import { refSource } from './images/ref-source';
import { thumbnailRoute } from './images/thumbnail-route';
import { poseHistoryRoute, poseVersionImageRoute } from './images/history-routes';
import { poseHistoryStore } from './images/pose-history';
import { resetIndex } from './scope/character-index';
import { advanceRateBudget, resetRateBudget } from './rate-budget';
import { characterListRoute } from './scope/list-route';
import { scopedApi } from './scope/scoped-api';
import { viewerSource } from './scope/viewer';
import { LIVE_EVENTS_PATH } from '../contract/live-events';
import { eventsRoute, indexedCharacterRoute } from './live/events-route';
import { createLiveHub, type LiveHub } from './live/hub';
import { deriveTicketSecret } from './upload-ticket';
import type { Upstream } from './upstream';
import { WEBHOOK_RECEIVER_PATH, webhookReceiver } from './webhooks/receiver';
import { apiPathOf } from './embed-path';
import { withSandboxBanner } from './sandbox-banner';

export interface ConsoleOptions {
  upstream: Upstream;
  /** Folder of the built console (vite build output); omit to serve the API alone (dev, tests). */
  staticRoot?: string;
  ticketSecret?: string;
  /** Embedding in partner dashboards; off unless configured. */
  embed?: EmbedConfig;
  /** Largest upload the relay passes on (CONSOLE_MAX_UPLOAD_BYTES); default 64 MiB. */
  maxUploadBytes?: number;
  /** Origins upload tickets may point at (AUROUS_UPLOAD_ORIGINS); empty = any public address the API signed. */
  uploadOrigins?: readonly string[];
  /**
   * The console's own origins (CONSOLE_PUBLIC_URL): the only Host names it answers to and, with
   * the embed origins, the only origins that may change anything. Omitted: any loopback name on
   * any port, and writes only from the request's own origin (npm start passes its own list).
   */
  publicOrigins?: readonly string[];
  /** Believe X-Forwarded-Proto / X-Forwarded-Host from the proxy in front (CONSOLE_TRUST_PROXY). */
  trustProxy?: boolean;
  /** Upstream, storage and request-body timeouts (CONSOLE_*_TIMEOUT_MS). */
  timeouts?: ConsoleTimeouts;
  /** Concurrent uploads per client address and in total (CONSOLE_MAX_UPLOADS_PER_CLIENT, CONSOLE_MAX_UPLOADS). */
  uploadCaps?: UploadCaps;
  /** DNS for the upload relay's address check; tests substitute their own. */
  resolveHost?: Resolver;
  /**
   * People and sign-in (server/auth/*): every /api/v1/* and /api/uploads/* call then needs a
   * signed-in person or an embed session. `npm start` always has one. Omitted only by tests of
   * other things (no database, no people, nothing signed in: every call passes, as before teams).
   */
  team?: TeamOptions;
  /**
   * After `POST /_sandbox/reset` on the embedded sandbox (its webhook endpoints are gone with it):
   * npm start re-registers the console's receiver here (server/webhooks/registration.ts).
   */
  onSandboxReset?: () => Promise<void>;
  /** Called with this app's live hub (tests close it; `npm start` closes it on exit). */
  onLiveHub?: (hub: LiveHub) => void;
  /** Live streams' heartbeat, when the session is checked again (default 15 s; tests shorten it). */
  liveHeartbeatMs?: number;
}

/**
 * Webhook endpoints are the console server's own (server/webhooks/): their secret must never reach
 * a browser, and a browser rotating or deleting them would cut the deployment's deliveries.
 */
const isWebhookEndpointPath = (path: string) => /^\/v1\/+webhook_endpoints(\/|$)/i.test(path);

const SANDBOX_PREFIXES = ['/v1/', '/storage/', '/_sandbox/'];

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
  publicOrigins,
  trustProxy = false,
  timeouts = DEFAULT_TIMEOUTS,
  uploadCaps = DEFAULT_UPLOAD_CAPS,
  resolveHost,
  team,
  onSandboxReset,
  onLiveHub,
  liveHeartbeatMs,
}: ConsoleOptions): Hono {
  const app = new Hono();
  const secret = deriveTicketSecret(ticketSecret, upstream.apiKey);
  const edge: EdgePolicy = { publicOrigins: publicOrigins ?? null, embedOrigins: embed.origins, trustProxy };

  // Headers wrap everything, the refusals below included; then Host, then cross-site writes.
  app.use('*', securityHeaders({ embedOrigins: embed.origins, trustProxy }));
  app.use('*', hostGuard(edge));
  app.use('*', crossSiteGuard(edge));

  app.use('/api/v1/*', async (c, next) => {
    const api = apiPathOf(c);
    if (isWebhookEndpointPath(c.req.path.replace(/^\/api/, '')) || (api.ok && isWebhookEndpointPath(api.path))) {
      return consoleError(c, 404, 'not_found', 'resource_not_found', 'No such API route.');
    }
    return next();
  });
  // Deliveries from the API: authenticated by their signature, not by a sign-in (server/webhooks/receiver.ts).
  if (team) app.post(WEBHOOK_RECEIVER_PATH, webhookReceiver(team.db));

  app.post('/api/embed/sessions', createEmbedSessionRoute(embed));
  // With the database, the scope layer (server/scope/) decides which characters each caller reaches.
  const indexed = { indexed: Boolean(team) };
  app.use('/api/v1/*', embedGuard(embed, indexed));
  app.use('/api/uploads/*', embedGuard(embed, indexed));
  if (team) {
    mountTeamRoutes(app, team);
    mountActivityRoutes(app, team);
    mountTeamAdminRoutes(app, team);
    mountReviewRoutes(app, team);
    app.use('/api/v1/*', signInGate(team));
    app.use('/api/uploads/*', signInGate(team));
    const viewers = viewerSource({ auth: team.auth, embedKey: embed.key });
    const sandbox = upstream.kind === 'sandbox';
    app.use(CHARACTER_INDEX_PATH, embedGuard(embed, indexed));
    app.use(CHARACTER_INDEX_PATH, signInGate(team));
    app.get(CHARACTER_INDEX_PATH, characterListRoute({ db: team.db, viewers, sandbox }));
    // One character from the index, and the live stream of changes (server/live/): neither costs the API anything.
    const single = `${CHARACTER_INDEX_PATH}/:id`;
    app.use(single, embedGuard(embed, indexed));
    app.use(single, signInGate(team));
    app.get(single, indexedCharacterRoute({ db: team.db, viewers, sandbox }));
    if (team.listen) {
      const hub = createLiveHub({ db: team.db, listen: team.listen, sandbox });
      onLiveHub?.(hub);
      app.use(LIVE_EVENTS_PATH, embedGuard(embed, indexed));
      app.use(LIVE_EVENTS_PATH, signInGate(team));
      app.get(
        LIVE_EVENTS_PATH,
        eventsRoute({ hub, viewers, auth: team.auth, embedKey: embed.key, ...(liveHeartbeatMs ? { heartbeatMs: liveHeartbeatMs } : {}) }),
      );
    }
    // Refs come from the API's answer; its own origin and AUROUS_UPLOAD_ORIGINS are the storage the operator named.
    const source = refSource({
      upstream,
      trustedOrigins: upstream.kind === 'aurous' ? [new URL(upstream.baseUrl('')).origin, ...uploadOrigins] : [],
      timeouts,
      maxBytes: maxUploadBytes,
      ...(resolveHost ? { resolve: resolveHost } : {}),
    });
    const store = databaseImageStore(team.db);
    // Before a regenerate or resynthesize, the console keeps the old images (server/images/pose-history.ts).
    const history = poseHistoryStore({ db: team.db, store, source });
    app.use('/api/v1/*', scopedApi({ db: team.db, viewers, timeouts, sandbox, upstream, history }));
    app.use(THUMBNAIL_ROUTE, embedGuard(embed, indexed));
    app.use(THUMBNAIL_ROUTE, signInGate(team));
    app.get(THUMBNAIL_ROUTE, thumbnailRoute({ db: team.db, viewers, store, source }));
    for (const route of [POSE_HISTORY_ROUTE, POSE_VERSION_IMAGE_ROUTE]) {
      app.use(route, embedGuard(embed, indexed));
      app.use(route, signInGate(team));
    }
    app.get(POSE_HISTORY_ROUTE, poseHistoryRoute({ db: team.db, viewers, store }));
    app.get(POSE_VERSION_IMAGE_ROUTE, poseVersionImageRoute({ db: team.db, viewers, store }));
  }

  app.put(
    '/api/uploads/:ticket',
    createUploadRelay(upstream, secret, {
      maxBytes: maxUploadBytes,
      allowedOrigins: uploadOrigins,
      timeouts,
      caps: uploadCaps,
      ...(resolveHost ? { resolve: resolveHost } : {}),
    }),
  );
  app.all('/api/v1/*', createApiProxy(upstream, secret, timeouts));
  // Liveness: the process answers. It never waits on anything, so it stays prompt under load.
  app.get('/api/health', (c) => c.json({ ok: true, upstream: upstream.kind }));
  // Readiness: the upstream and the database answer too (503 when either does not).
  app.get('/api/ready', createReadiness(upstream, timeouts.readyMs, team?.db));
  app.all('/api/*', (c) => consoleError(c, 404, 'not_found', 'resource_not_found', 'No such console API route.'));

  // The embedded sandbox also answers on this port, so tests and curl can steer it here.
  const sandboxFetch = upstream.sandboxFetch;
  if (sandboxFetch) {
    app.use('*', async (c, next) => {
      const { pathname } = new URL(c.req.url);
      if (pathname === '/_sandbox/reset' && c.req.method === 'POST' && team) {
        // Resetting the sandbox forgets every character: so does the index. Its buckets are full
        // again: so is the team's rate budget.
        const answer = await sandboxFetch(c.req.raw);
        if (answer.ok) {
          await Promise.all([resetIndex(team.db), resetRateBudget(team.db)]);
          await onSandboxReset?.();
        }
        return answer;
      }
      if (pathname === '/_sandbox/clock' && c.req.method === 'POST' && team) {
        // The sandbox's time moved on, so did the refill of its buckets: the team's budget follows.
        const body = (await c.req.raw
          .clone()
          .json()
          .catch(() => null)) as { advance_ms?: unknown } | null;
        const answer = await sandboxFetch(c.req.raw);
        if (answer.ok && typeof body?.advance_ms === 'number') await advanceRateBudget(team.db, body.advance_ms);
        return answer;
      }
      if (SANDBOX_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return sandboxFetch(c.req.raw);
      await next();
    });
  }

  if (staticRoot) {
    const indexFile = path.join(staticRoot, 'index.html');
    const built = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
    // With the embedded sandbox every screen says so (server/sandbox-banner.ts).
    const indexHtml = built && sandboxFetch ? withSandboxBanner(built) : built;
    const serveShell = (c: Context) => {
      if (!indexHtml) return c.text('The console is not built yet: run `npm run build`.', 503);
      c.header('Cache-Control', 'no-cache');
      return c.html(indexHtml);
    };
    app.use('*', async (c, next) => {
      const { pathname } = new URL(c.req.url);
      // Static serving never leaves the build folder (serveStatic checks too; this refuses outright).
      if (isTraversal(pathname)) return c.text('Not found.', 404);
      await next();
      // The SDK module is imported from partners' pages.
      if (pathname === '/embed.mjs' || pathname === '/embed.js') c.header('Access-Control-Allow-Origin', '*');
      // Only /assets/* have hashed names; the shell (/), /embed, the SDK and the rest are revalidated
      // so a deploy reaches browsers at their next load.
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
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
    // The shell itself is never served as a plain file (it may carry the sandbox banner).
    app.get('/', serveShell);
    app.get('/index.html', serveShell);
    app.use('*', serveStatic({ root: staticRoot }));
    // Client-side routes (/characters/…) all load the app shell.
    app.get('*', serveShell);
  }
  return app;
}
