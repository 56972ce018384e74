/**
 * POST /v1/webhook_endpoints, GET/DELETE /v1/webhook_endpoints/{id},
 * POST /v1/webhook_endpoints/{id}/rotate_secret and …/test. Team-scoped: another team's id is 404.
 * The secret is in the create and rotate answers only; every other read shows `secret_preview`.
 */
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_ROTATION_OVERLAP_MS,
  createWebhookEndpointBody,
  webhookTestBody,
  type DeletedWebhookEndpoint,
  type WebhookTestFire,
} from '../../contract/webhooks';
import type { Sandbox, SandboxEnv } from '../context';
import { newId } from '../domain/ids';
import type { WebhookEndpointRecord } from '../domain/state';
import { presentEndpoint } from '../domain/webhooks';
import { invalid, notFound } from '../http/errors';
import { parseBody } from '../http/validate';

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/**
 * The docs: "HTTPS endpoint … Plain http:// is rejected." The SANDBOX ALSO ACCEPTS http:// to a
 * loopback host (127.0.0.0/8, localhost, [::1]), because tests and the console's embedded default
 * run on loopback without TLS. The real API accepts https:// only.
 */
function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('invalid_format', 'url must be an absolute https:// URL.', 'url');
  }
  if (url.username || url.password) throw invalid('invalid_format', 'url must not carry credentials.', 'url');
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url.href;
  throw invalid('invalid_format', 'url must be https:// (plain http:// is rejected).', 'url');
}

export function webhookEndpointRoutes(sandbox: Sandbox): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  const own = (teamId: string, id: string): WebhookEndpointRecord => {
    const endpoint = sandbox.state.webhookEndpoints.get(id);
    if (!endpoint || endpoint.teamId !== teamId) throw notFound(`No such webhook endpoint: ${id}.`, 'id');
    return endpoint;
  };

  routes.post('/', async (c) => {
    const body = await parseBody(c, createWebhookEndpointBody);
    const now = sandbox.clock.now();
    const record: WebhookEndpointRecord = {
      id: newId('we'),
      teamId: c.get('team').id,
      url: checkedUrl(body.url),
      // The wildcard expands now: event types added later do not subscribe themselves.
      events: body.events[0] === '*' ? [...WEBHOOK_EVENTS] : [...new Set(body.events as (typeof WEBHOOK_EVENTS)[number][])],
      secret: newSecret(),
      previousSecret: null,
      isActive: true,
      consecutiveFailures: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      metadata: body.metadata ?? {},
      description: body.description ?? null,
      createdAt: now,
      updatedAt: now,
      apiOrigin: new URL(c.req.url).origin,
    };
    sandbox.state.webhookEndpoints.set(record.id, record);
    return c.json(presentEndpoint(sandbox, record, true), 201);
  });

  routes.get('/:id', (c) => c.json(presentEndpoint(sandbox, own(c.get('team').id, c.req.param('id')), false), 200));

  // Idempotent: always 200, never 404 (llms.txt); `deleted` reports whether anything was.
  routes.delete('/:id', (c) => {
    const id = c.req.param('id');
    const endpoint = sandbox.state.webhookEndpoints.get(id);
    const deleted = endpoint !== undefined && endpoint.teamId === c.get('team').id;
    if (deleted) sandbox.state.webhookEndpoints.delete(id);
    const answer: DeletedWebhookEndpoint = { id, object: 'webhook_endpoint', deleted };
    return c.json(answer, 200);
  });

  routes.post('/:id/rotate_secret', (c) => {
    const endpoint = own(c.get('team').id, c.req.param('id'));
    const now = sandbox.clock.now();
    // The old secret keeps signing beside the new one for a while (webhooks.ts).
    endpoint.previousSecret = { secret: endpoint.secret, until: Date.now() + WEBHOOK_ROTATION_OVERLAP_MS };
    endpoint.secret = newSecret();
    endpoint.updatedAt = now;
    return c.json(presentEndpoint(sandbox, endpoint, true), 200);
  });

  routes.post('/:id/test', async (c) => {
    const endpoint = own(c.get('team').id, c.req.param('id'));
    const body = await parseBody(c, webhookTestBody);
    if (!endpoint.events.includes(body.event_type)) {
      throw invalid('invalid_request_error', `This endpoint does not subscribe to ${body.event_type}.`, 'event_type');
    }
    const eventId = sandbox.webhooks.emit(
      endpoint.teamId,
      body.event_type,
      () => ({ object: 'webhook_test', endpoint_id: endpoint.id, note: 'A synthetic test delivery: nothing happened.' }),
      { synthetic: true, endpointId: endpoint.id },
    );
    const answer: WebhookTestFire = {
      object: 'webhook_test_fire',
      endpoint_id: endpoint.id,
      event_id: eventId,
      enqueued: endpoint.isActive,
    };
    return c.json(answer, 200);
  });

  return routes;
}
