/**
 * The deployment's webhook endpoint: registered once per deployment (not once per copy) and kept
 * in `webhook_registration`, which every copy's receiver reads; and `webhooksActive(db)`, which
 * other code (the poller) asks before deciding how often to poll.
 */
import { eq, lt, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { CHARACTER_EVENTS, type WebhookEndpoint } from '../../contract/webhooks';
import type { Database } from '../db/database';
import { releaseLease, takeLease } from '../db/lease';
import { webhookEvent, webhookRegistration } from '../db/schema';
import { callUpstream, type Upstream } from '../upstream';
import type { WebhookSetup } from './config';

export const REGISTRATION_NAME = 'aurous';
/** The `sync_state` lease held while registering, so two copies starting together register one endpoint. */
const REGISTRATION_LEASE = 'webhook_registration';
const REGISTRATION_LEASE_MS = 60_000;
/** How recent the last verified delivery must be for webhooks to count as active. */
export const WEBHOOKS_ACTIVE_WINDOW_MS = 60 * 60 * 1000;

/**
 * Are webhooks delivering to this deployment? True when an endpoint is registered (or a secret
 * configured) and a delivery verified within the last WEBHOOKS_ACTIVE_WINDOW_MS (registration
 * fires a test delivery, so it is true right after a working registration). The poller may then
 * poll in-flight characters less often; false means polling must cover everything.
 */
export async function webhooksActive(db: Database): Promise<boolean> {
  const [row] = await db
    .select({
      active: sql<boolean>`coalesce(${webhookRegistration.lastVerifiedAt} > now() - make_interval(secs => ${WEBHOOKS_ACTIVE_WINDOW_MS / 1000}), false)`,
    })
    .from(webhookRegistration)
    .where(eq(webhookRegistration.name, REGISTRATION_NAME));
  return row?.active === true;
}

/**
 * The signing secret deliveries are checked against. (A rotation signs with both secrets for a
 * while, so storing the new one is all a rotation needs here.)
 */
export async function webhookSecrets(db: Database): Promise<string[]> {
  const [row] = await db.select().from(webhookRegistration).where(eq(webhookRegistration.name, REGISTRATION_NAME));
  return row ? [row.secret] : [];
}

export interface RegisterOptions {
  db: Database;
  upstream: Upstream;
  /** The console's own origin (the embedded sandbox is addressed by it). */
  origin: string;
  setup: WebhookSetup;
  timeoutMs: number;
  log?: (line: string) => void;
}

async function apiCall(options: RegisterOptions, method: string, path: string, body?: unknown) {
  const { upstream, origin, timeoutMs } = options;
  const answer = await callUpstream(
    upstream,
    new Request(`${upstream.baseUrl(origin)}${path}`, {
      method,
      headers: { 'X-Api-Key': upstream.apiKey, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    }),
    timeoutMs,
  );
  const text = new TextDecoder().decode(answer.body);
  return { status: answer.status, json: (text ? JSON.parse(text) : null) as unknown };
}

/** Keeps a registration the API still knows (same URL), or registers a new endpoint and stores it. */
async function registerOnce(options: RegisterOptions): Promise<{ kind: 'kept' | 'registered'; endpointId: string }> {
  const { db, setup } = options;
  if (setup.kind !== 'register') throw new Error('registerOnce needs setup.kind "register"');
  const [row] = await db.select().from(webhookRegistration).where(eq(webhookRegistration.name, REGISTRATION_NAME));
  if (row && row.url === setup.url) {
    const known = await apiCall(options, 'GET', `/v1/webhook_endpoints/${encodeURIComponent(row.endpointId)}`);
    if (known.status === 200 && (known.json as WebhookEndpoint).is_active) return { kind: 'kept', endpointId: row.endpointId };
    if (known.status === 200) await apiCall(options, 'DELETE', `/v1/webhook_endpoints/${encodeURIComponent(row.endpointId)}`);
  } else if (row && row.url) {
    // Registered before at another address (CONSOLE_PUBLIC_URL changed, or copies with addresses of
    // their own): that endpoint goes, or the API would deliver every event there too, signed with
    // a secret the new row no longer holds: each one refused, retried eight times, and counted
    // towards disabling it, doubling the deliveries the receivers handle in a burst.
    await apiCall(options, 'DELETE', `/v1/webhook_endpoints/${encodeURIComponent(row.endpointId)}`);
  }
  const created = await apiCall(options, 'POST', '/v1/webhook_endpoints', {
    url: setup.url,
    events: [...CHARACTER_EVENTS],
    description: 'Aurous console (character index)',
  });
  const endpoint = created.json as WebhookEndpoint | null;
  if (created.status !== 201 || !endpoint?.secret) throw new Error(`POST /v1/webhook_endpoints answered ${created.status}`);
  await db
    .insert(webhookRegistration)
    .values({ name: REGISTRATION_NAME, endpointId: endpoint.id, url: setup.url, secret: endpoint.secret })
    .onConflictDoUpdate({
      target: webhookRegistration.name,
      set: { endpointId: endpoint.id, url: setup.url, secret: endpoint.secret, createdAt: sql`now()`, lastVerifiedAt: null },
    });
  return { kind: 'registered', endpointId: endpoint.id };
}

/**
 * Makes sure the deployment has its endpoint: with a configured secret, stores it; otherwise, holding a lease
 * (a `sync_state` row), keeps a registration the API still knows (same URL) or registers a new one,
 * then fires a test delivery so the receiver proves it works. Never throws: webhooks are an
 * optimisation, and polling covers everything without them.
 */
export async function ensureWebhookRegistration(
  options: RegisterOptions,
): Promise<'off' | 'kept' | 'registered' | 'configured' | 'failed'> {
  const { db, setup } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  if (setup.kind === 'off') return 'off';
  try {
    // Event ids are remembered for a week: far longer than the API retries one.
    await db.delete(webhookEvent).where(lt(webhookEvent.receivedAt, sql`now() - interval '7 days'`));
    if (setup.kind === 'secret') {
      await db
        .insert(webhookRegistration)
        .values({ name: REGISTRATION_NAME, endpointId: '(configured by the team)', url: '', secret: setup.secret })
        .onConflictDoUpdate({ target: webhookRegistration.name, set: { secret: setup.secret, endpointId: '(configured by the team)' } });
      return 'configured';
    }
    // A lease, not a transaction: the API calls below take the team's rate budget from the same
    // database, and on PGlite (one connection) a transaction held across them would wait on itself.
    const holder = `register_${randomUUID()}`;
    // Another copy is registering right now: its endpoint serves this copy too.
    if (!(await takeLease(db, REGISTRATION_LEASE, holder, REGISTRATION_LEASE_MS))) return 'kept';
    let outcome: { kind: 'kept' | 'registered'; endpointId: string };
    try {
      outcome = await registerOnce(options);
    } finally {
      await releaseLease(db, REGISTRATION_LEASE, holder);
    }
    // The receiver marks the registration verified when this arrives.
    await apiCall(options, 'POST', `/v1/webhook_endpoints/${encodeURIComponent(outcome.endpointId)}/test`, {
      event_type: 'character.completed',
    });
    if (outcome.kind === 'registered') log(`[webhooks] registered ${setup.url} (${outcome.endpointId})`);
    return outcome.kind;
  } catch (error) {
    log(
      `[webhooks] could not register ${setup.kind === 'register' ? setup.url : ''}: ${(error as Error).message}; polling covers everything`,
    );
    return 'failed';
  }
}

/** The sandbox was reset (its endpoints went with it): forget ours, so the next ensure registers anew. */
export async function forgetWebhookRegistration(db: Database): Promise<void> {
  await db.delete(webhookRegistration).where(eq(webhookRegistration.name, REGISTRATION_NAME));
}
