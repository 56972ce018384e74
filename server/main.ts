/** `npm start`: serve the built console and its API on PORT (default 5173). */
import { serve } from '@hono/node-server';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleApp } from './app';
import { oidcConfigFromEnv } from './auth/oidc-config';
import { startTeam } from './auth/start-team';
import { databaseOptionsFromEnv, dataDirFromEnv } from './db/database';
import { embedConfigFromEnv } from './embed-config';
import { exitOnListenError } from './listen-error';
import { publicOriginsFromEnv, trustProxyFromEnv } from './public-config';
import {
  httpServerLimitsFromEnv,
  maxUploadBytesFromEnv,
  nodeServerOptions,
  timeoutsFromEnv,
  uploadCapsFromEnv,
  uploadOriginsFromEnv,
} from './limits';
import { ticketSecretFromEnv } from './upload-ticket';
import { budgetLeaseFromEnv, budgetMaxWaitFromEnv, createRateBudget, rateLimitsFromEnv } from './rate-budget';
import { upstreamFromEnv, upstreamTeamKey, withRateBudget } from './upstream';
import { createCharacterSync, syncIntervalFromEnv } from './scope/sync';
import { webhookSetupFromEnv } from './webhooks/config';
import { ensureWebhookRegistration, forgetWebhookRegistration, webhooksActive } from './webhooks/registration';
import { createInFlightPoller, safetyNetFromEnv } from './live/in-flight';
import type { LiveHub } from './live/hub';

const started = performance.now();
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverLimits = httpServerLimitsFromEnv(process.env);
const ticketSecret = ticketSecretFromEnv(process.env.CONSOLE_TICKET_SECRET);
const dataDir = dataDirFromEnv(process.env);
// The embedded sandbox keeps its state in the data folder, so a restart loses no characters.
const bareUpstream = upstreamFromEnv(process.env, { persistDir: dataDir });
// The team's tier (CONSOLE_RATE_LIMITS, default the documented buckets) and how long a person's call may queue.
const rateLimits = rateLimitsFromEnv(process.env.CONSOLE_RATE_LIMITS);
const budgetMaxWaitMs = budgetMaxWaitFromEnv(process.env.CONSOLE_BUDGET_MAX_WAIT_MS);
const budgetLease = budgetLeaseFromEnv(process.env.CONSOLE_BUDGET_LEASE);
if (bareUpstream.kind === 'aurous' && !ticketSecret) {
  console.warn(
    '[console] CONSOLE_TICKET_SECRET is not set: upload tickets are signed with a secret derived from the API key alone. Set it with a real API.',
  );
}
// The names browsers use to reach us (default: 127.0.0.1 and localhost on PORT); any other Host gets 421.
const publicOrigins = publicOriginsFromEnv(process.env.CONSOLE_PUBLIC_URL, port);
// Single sign-on by OpenID Connect: all three of CONSOLE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, or none.
const oidc = oidcConfigFromEnv(process.env);
const listenOrigin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const { team, database, setupLink, seeded } = await startTeam({
  database: databaseOptionsFromEnv(process.env),
  upstreamKind: bareUpstream.kind,
  publicOrigins: process.env.CONSOLE_PUBLIC_URL?.trim() ? publicOrigins : undefined,
  listenOrigin,
  secret: process.env.CONSOLE_AUTH_SECRET,
  oidc,
  trustProxy: trustProxyFromEnv(process.env.CONSOLE_TRUST_PROXY),
  // Password sign-ins per client address per minute (default 10); the e2e run, all from 127.0.0.1, raises it.
  ...(process.env.CONSOLE_SIGN_IN_LIMIT ? { signInAttemptsPerMinute: Number(process.env.CONSOLE_SIGN_IN_LIMIT) } : {}),
});
// One rate budget for the whole deployment: every copy on this database draws from the team's buckets
// in it, and every upstream call (proxy, sync, readiness) takes its token there (server/rate-budget.ts).
const upstream = withRateBudget(
  bareUpstream,
  createRateBudget({
    db: database.db,
    teamKey: upstreamTeamKey(bareUpstream),
    limits: rateLimits,
    maxWaitMs: budgetMaxWaitMs,
    // Far from a bucket's limit a copy takes 16 tokens per statement (server/rate-budget.ts, "Leases").
    lease: budgetLease,
  }),
);
// Webhooks (README, "Webhooks"): on by default with the embedded sandbox; CONSOLE_WEBHOOKS / CONSOLE_WEBHOOK_SECRET with a real API.
const webhookSetup = webhookSetupFromEnv(process.env, upstream.kind, listenOrigin);
const registerWebhooks = () =>
  ensureWebhookRegistration({
    db: database.db,
    upstream,
    origin: listenOrigin,
    setup: webhookSetup,
    timeoutMs: timeoutsFromEnv(process.env).upstreamMs,
  });
let liveHub: LiveHub | null = null;
const app = createConsoleApp({
  upstream,
  // CONSOLE_STATIC_ROOT serves another build (a bench or a parallel test run builds into its own folder).
  staticRoot: process.env.CONSOLE_STATIC_ROOT ? path.resolve(process.env.CONSOLE_STATIC_ROOT) : path.join(root, 'dist'),
  ticketSecret,
  embed: embedConfigFromEnv(process.env),
  // Upload relay: body cap (default 64 MiB) and, with a real API, the storage origins tickets may name.
  maxUploadBytes: maxUploadBytesFromEnv(process.env.CONSOLE_MAX_UPLOAD_BYTES),
  uploadOrigins: uploadOriginsFromEnv(process.env.AUROUS_UPLOAD_ORIGINS),
  publicOrigins,
  trustProxy: trustProxyFromEnv(process.env.CONSOLE_TRUST_PROXY),
  timeouts: timeoutsFromEnv(process.env),
  uploadCaps: uploadCapsFromEnv(process.env),
  team,
  // A sandbox reset drops its webhook endpoints: register ours again.
  onSandboxReset: async () => {
    if (webhookSetup.kind !== 'register') return;
    await forgetWebhookRegistration(database.db);
    await registerWebhooks();
  },
  onLiveHub: (hub) => {
    liveHub = hub;
  },
});

// Characters made outside the console reach the index (one copy syncs; see server/scope/sync.ts).
const sync = createCharacterSync({
  db: database.db,
  upstream,
  origin: listenOrigin,
  intervalMs: syncIntervalFromEnv(process.env.CONSOLE_SYNC_INTERVAL_MS),
  upstreamTimeoutMs: timeoutsFromEnv(process.env).upstreamMs,
});
// Characters in flight are polled upstream by one copy, whoever watches them (server/live/in-flight.ts).
const inFlight = createInFlightPoller({
  db: database.db,
  upstream,
  origin: listenOrigin,
  safetyNetMs: safetyNetFromEnv(process.env.CONSOLE_POLL_SAFETY_NET_MS),
  // While webhooks deliver, they announce completions: polling is only the safety net.
  webhooksActive,
  upstreamTimeoutMs: timeoutsFromEnv(process.env).upstreamMs,
});

const server = serve(
  {
    fetch: app.fetch,
    port,
    hostname: host,
    // Slow clients: headers must arrive within headersTimeout, a whole request within requestTimeout
    // (a backstop; upload bodies have their own idle timeout, JSON bodies their own deadline), and an
    // idle keep-alive connection closes after keepAliveTimeout.
    serverOptions: nodeServerOptions(serverLimits),
  },
  (info) => {
    const where = upstream.kind === 'sandbox' ? 'the embedded sandbox (team A key)' : 'the Aurous API';
    const store = database.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
    console.log(`Aurous console on http://${host}:${info.port} — talking to ${where}; people in ${store}`);
    if (oidc)
      console.log(`  single sign-on: "${oidc.label}" (${oidc.issuer})${oidc.defaultRole ? `, newcomers join as ${oidc.defaultRole}` : ''}`);
    console.log(`  ready in ${Math.round(performance.now() - started)} ms (migrations ${Math.round(database.migrateMs)} ms)`);
    // The embedded sandbox answers on this port: the first sync tick waits until it is listening.
    sync.start();
    // Once per deployment (guarded in the database), after we listen: registration fires a test delivery at us.
    void registerWebhooks();
    inFlight.start();
    if (seeded)
      console.log(
        `  seeded ${seeded} sandbox people (password "sandbox-password"): owner@sandbox.test, creator-1@…, creator-2@…, reviewer@…`,
      );
    if (setupLink)
      console.log(
        `\n  No owner yet. Open this one-time link (valid 24 h) to create the owner:\n  ${setupLink}\n  or: npm run people -- add <email> --role owner --password <password>\n`,
      );
  },
);

exitOnListenError(server, { what: 'the console', port, variable: 'PORT' });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  upstream.flushSandbox?.();
  server.close();
  void Promise.all([sync.stop(), inFlight.stop(), liveHub?.close()])
    .then(() => database.close())
    .finally(() => process.exit(0));
  // Open keep-alive connections must not hold the exit up.
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
