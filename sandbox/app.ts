/**
 * The Aurous sandbox as one Hono app: `/v1/*` (the API), `/storage/*` (signed upload PUTs and
 * ref GETs) and `/_sandbox/*` (test controls). Every absolute URL it mints is built from the
 * incoming request's origin, so it can be embedded behind another server.
 */
import { Hono, type Context } from 'hono';
import { auth } from './middleware/api-key-auth';
import { jsonBodyLimit } from './middleware/body-limit';
import { createClock } from './domain/clock';
import type { Sandbox, SandboxEnv } from './context';
import { ApiError, errorBody, notFound } from './http/errors';
import { rateLimitBurst, serverErrors } from './faults/api-faults';
import { createFaults } from './faults/fault-state';
import { createIdempotencyStore } from './domain/idempotency-store';
import { idempotency, latency } from './middleware/idempotency-replay';
import { newId } from './domain/ids';
import { countTraffic, createRateLimiter, rateLimit } from './middleware/rate-limit';
import { createTrafficCounter } from './domain/stats';
import { apiVersion, requestContext } from './middleware/request-context';
import { balanceRoutes } from './routes/balance';
import { characterActionRoutes } from './routes/character-actions';
import { characterRoutes } from './routes/characters';
import { controlGuard } from './middleware/control-guard';
import { controlRoutes } from './routes/control';
import { POSES_PAGE_PATH } from './routes/poses-page';
import { storageRoutes } from './routes/storage';
import { uploadRoutes } from './routes/uploads';
import { webhookEndpointRoutes } from './routes/webhook-endpoints';
import { createWebhooks, type Webhooks } from './domain/webhooks';
import { createSigner } from './domain/url-signing';
import { createSandboxStore } from './domain/persistence';
import { createState, resetState } from './domain/state';
import { ConnectionReset } from './faults/storage-faults';

/** Node's "aborted" (ECONNRESET) from a request body whose client disconnected, or a cancelled stream. */
function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (code === 'ECONNRESET' && error.message === 'aborted') || error.name === 'AbortError';
}

export interface SandboxInstance {
  app: Hono;
  reset(): void;
  /** Writes pending changes to disk now (before exiting); nothing to do without `persistDir`. */
  flush(): void;
}

export interface SandboxOptions {
  /**
   * Keep the state in this folder (sandbox.json + sandbox-blobs/), loaded at start and saved
   * shortly after every request. Off by default: tests get a fresh in-memory sandbox.
   */
  persistDir?: string | undefined;
  persistDebounceMs?: number;
}

export function createSandbox({ persistDir, persistDebounceMs }: SandboxOptions = {}): SandboxInstance {
  const clock = createClock();
  const sandbox: Sandbox = {
    state: createState(),
    clock,
    signer: createSigner(),
    limiter: createRateLimiter(clock),
    idempotency: createIdempotencyStore(clock),
    faults: createFaults(),
    traffic: createTrafficCounter(),
    // Set just below: deliveries need the sandbox itself.
    webhooks: null as unknown as Webhooks,
  };
  const store = persistDir
    ? createSandboxStore(persistDir, () => ({ state: sandbox.state, clockOffsetMs: clock.now() - Date.now() }), persistDebounceMs)
    : null;
  // A delivery's outcome (failure counts, auto-disable) is saved like a request's changes.
  sandbox.webhooks = createWebhooks(sandbox, () => store?.schedule());
  const saved = store?.load();
  if (saved) {
    // In place, as resetState does: handlers keep their reference to the same object.
    Object.assign(sandbox.state, saved.state);
    clock.advance(saved.clockOffsetMs);
  }
  const reset = () => {
    resetState(sandbox.state);
    sandbox.clock.reset();
    sandbox.limiter.reset();
    sandbox.idempotency.reset();
    sandbox.faults.reset();
    sandbox.traffic.reset();
    sandbox.webhooks.reset();
    store?.saveNow();
  };

  const api = new Hono<SandboxEnv>();
  api.use(
    '*',
    requestContext,
    jsonBodyLimit,
    auth(sandbox),
    countTraffic(sandbox),
    rateLimitBurst(sandbox),
    rateLimit(sandbox),
    apiVersion,
  );
  api.use('*', serverErrors(sandbox));
  api.use('*', idempotency(sandbox));
  api.use('*', latency(sandbox));
  api.route('/characters/uploads', uploadRoutes(sandbox));
  api.route('/characters', characterRoutes(sandbox));
  api.route('/characters', characterActionRoutes(sandbox));
  api.route('/balance', balanceRoutes(sandbox));
  api.route('/webhook_endpoints', webhookEndpointRoutes(sandbox));

  const app = new Hono();
  // Any request may have started a synthesis or moved the clock: re-arm the timer that settles
  // syntheses on time for teams with webhook endpoints (their events must not wait for a read).
  app.use('*', async (_c, next) => {
    await next();
    sandbox.webhooks.kick();
  });
  if (store) {
    app.use('*', async (c, next) => {
      await next();
      // Reads settle finished syntheses lazily, so they can change state too; ref downloads and stats cannot.
      const { pathname } = new URL(c.req.url);
      const readOnly =
        (c.req.method === 'GET' || c.req.method === 'HEAD') &&
        (pathname.startsWith('/storage/') || pathname === '/_sandbox/stats' || pathname === POSES_PAGE_PATH);
      if (!readOnly) store.schedule();
    });
  }
  app.route('/v1', api);
  app.route('/storage', storageRoutes(sandbox));
  app.use('/_sandbox/*', controlGuard);
  app.route('/_sandbox', controlRoutes(sandbox, reset));
  // The /v1 middleware may already have minted this request's id; reuse it in the envelope.
  const requestIdOf = (c: Context) => (c as Context<SandboxEnv>).get('requestId') ?? newId('req');
  app.notFound((c) => c.json(errorBody(notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}.`), requestIdOf(c)), 404));
  app.onError((error, c) => {
    // An injected PUT reset served in process: make app.fetch reject, as a dropped fetch would.
    if (error instanceof ConnectionReset) throw error;
    const requestId = requestIdOf(c);
    if (error instanceof ApiError) return c.json(errorBody(error, requestId), error.status);
    // The client went away mid-body (an upload cancelled): nobody to answer, nothing went wrong here.
    if (isClientAbort(error))
      return c.json(errorBody(new ApiError(400, 'invalid_request', 'client_closed', 'The request was cancelled.'), requestId), 400);
    console.error('[sandbox] unexpected error', error);
    const internal = new ApiError(500, 'server_error', 'internal_error', 'The sandbox hit an unexpected error.');
    return c.json(errorBody(internal, requestId), 500);
  });
  return { app, reset, flush: () => store?.flush() };
}
