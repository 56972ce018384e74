/**
 * Webhook endpoints and signed deliveries, over HTTP against a real sandbox and a real local
 * receiver. Waits are on deliveries arriving (promises), never on elapsed time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Character } from '../../contract/aurous';
import { SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import type { DeletedWebhookEndpoint, WebhookEndpoint, WebhookEvent, WebhookTestFire } from '../../contract/webhooks';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';
import { startWebhookReceiver, type Delivery, type WebhookReceiver } from '../helpers/webhook-receiver';

const { api } = setUpSandbox();
let receiver: WebhookReceiver;
const DELAY = 500;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  receiver.deliveries.length = 0;
  await api.config({ synth_delay_ms: DELAY, webhook_retry_base_ms: 20, webhook_max_attempts: 4, webhook_timeout_ms: 2000 });
});

const register = (body: unknown = { url: receiver.url, events: ['*'] }, key?: string) =>
  api.call<WebhookEndpoint>('POST', '/v1/webhook_endpoints', { body, key });

/** The v1= signatures the header carries that verify with `secret`. */
function verifies(delivery: Delivery, secret: string): boolean {
  const parts = delivery.signature.split(',');
  const t = parts.find((part) => part.startsWith('t='))?.slice(2);
  if (!t || !/^\d{10}$/.test(t)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest();
  return parts
    .filter((part) => part.startsWith('v1='))
    .some((part) => {
      const given = Buffer.from(part.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
const eventOf = (delivery: Delivery) => JSON.parse(delivery.body) as WebhookEvent<Character>;

describe('webhook endpoints', () => {
  it('returns the secret once: on create, then only a preview', async () => {
    const created = await register({ url: receiver.url, events: ['character.completed'], metadata: { env: 'test' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'webhook_endpoint', url: receiver.url, is_active: true, consecutive_failures: 0 });
    expect(created.body.id).toMatch(/^we_/);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.secret_preview.endsWith(created.body.secret!.slice(-4))).toBe(true);
    const read = await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeNull();
    expect(read.body.secret_preview).toBe(created.body.secret_preview);
    expect(read.body.metadata).toEqual({ env: 'test' });
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret!.slice(6));
  });

  it('takes https://, and http:// only to loopback (sandbox allowance); refuses plain http elsewhere', async () => {
    expect((await register({ url: 'https://hooks.example/aurous', events: ['*'] })).status).toBe(201);
    const plain = await register({ url: 'http://hooks.example/aurous', events: ['*'] });
    expect(plain.status).toBe(400);
    expect(api.errorOf(plain)).toMatchObject({ param: 'url' });
    expect((await register({ url: 'http://10.0.0.5/aurous', events: ['*'] })).status).toBe(400);
    expect((await register({ url: `https://x.example/${'a'.repeat(2048)}`, events: ['*'] })).status).toBe(400);
  });

  it("another team's endpoint is 404 on read, rotate and test; delete is 200 and deletes nothing", async () => {
    const mine = (await register()).body;
    const theirs = { key: SANDBOX_TEAM_B_KEY };
    expect((await api.call('GET', `/v1/webhook_endpoints/${mine.id}`, theirs)).status).toBe(404);
    expect((await api.call('POST', `/v1/webhook_endpoints/${mine.id}/rotate_secret`, theirs)).status).toBe(404);
    const test = await api.call('POST', `/v1/webhook_endpoints/${mine.id}/test`, { ...theirs, body: { event_type: 'image.completed' } });
    expect(test.status).toBe(404);
    const deleted = await api.call<DeletedWebhookEndpoint>('DELETE', `/v1/webhook_endpoints/${mine.id}`, theirs);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(false);
    expect((await api.call('GET', `/v1/webhook_endpoints/${mine.id}`)).status).toBe(200);
  });

  it('delete is idempotent: 200 both times, saying whether anything was deleted', async () => {
    const mine = (await register()).body;
    const first = await api.call<DeletedWebhookEndpoint>('DELETE', `/v1/webhook_endpoints/${mine.id}`);
    const second = await api.call<DeletedWebhookEndpoint>('DELETE', `/v1/webhook_endpoints/${mine.id}`);
    expect([first.status, first.body.deleted, second.status, second.body.deleted]).toEqual([200, true, 200, false]);
    expect((await api.call('GET', `/v1/webhook_endpoints/${mine.id}`)).status).toBe(404);
  });

  it('the create bucket is 10 burst', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await register({ url: `https://hooks.example/${i}`, events: ['*'] })).status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('deliveries', () => {
  it('character.completed, signed with the secret, carries the character and its client_reference_id', async () => {
    const { secret } = (await register()).body;
    const created = await api.create({ name: 'Hooked', generate: true, attributes: ATTRIBUTES, client_reference_id: 'order-7' });
    const [delivery] = await receiver.received(1);
    expect(verifies(delivery!, secret!)).toBe(true);
    expect(verifies(delivery!, 'whsec_wrong')).toBe(false);
    const event = eventOf(delivery!);
    expect(event).toMatchObject({ object: 'event', type: 'character.completed' });
    expect(event.id).toMatch(/^evt_/);
    expect(event.synthetic).toBeUndefined();
    expect(event.data.object).toMatchObject({ id: created.body.id, status: 'reviewing', client_reference_id: 'order-7' });
    expect(event.data.object.refs).toHaveLength(4);
  });

  it('character.failed and character.cancelled', async () => {
    await register();
    await api.config({ fail_next_synth: true });
    const failing = await api.create({ name: 'Fails', generate: true, attributes: ATTRIBUTES });
    const [failed] = await receiver.received(1);
    expect(eventOf(failed!)).toMatchObject({ type: 'character.failed', data: { object: { id: failing.body.id, status: 'failed' } } });

    const doomed = await api.create({ name: 'Cancelled', generate: true, attributes: ATTRIBUTES });
    await api.call('DELETE', `/v1/characters/${doomed.body.id}`);
    const all = await receiver.received(2);
    expect(eventOf(all[1]!)).toMatchObject({ type: 'character.cancelled', data: { object: { id: doomed.body.id, status: 'deleted' } } });
  });

  it('a regenerate of a saved character completes back in ready', async () => {
    await register();
    const created = await api.create({ name: 'Again', generate: true, attributes: ATTRIBUTES });
    await receiver.received(1);
    await api.call('POST', `/v1/characters/${created.body.id}/save`);
    await api.call('POST', `/v1/characters/${created.body.id}/refs/regenerate`, { body: { pose: 'front' } });
    const all = await receiver.received(2);
    expect(eventOf(all[1]!)).toMatchObject({ type: 'character.completed', data: { object: { status: 'ready' } } });
  });

  it('only subscribed types reach an endpoint', async () => {
    await register({ url: receiver.url, events: ['character.failed'] });
    await api.create({ name: 'Quiet', generate: true, attributes: ATTRIBUTES });
    await api.config({ fail_next_synth: true });
    await api.create({ name: 'Loud', generate: true, attributes: ATTRIBUTES });
    const [only] = await receiver.received(1);
    expect(eventOf(only!).type).toBe('character.failed');
  });

  it('retries a failed delivery with backoff, then counts the success', async () => {
    const endpoint = (await register()).body;
    receiver.answer(500, 503);
    await api.create({ name: 'Retry', generate: true, attributes: ATTRIBUTES });
    const all = await receiver.received(3);
    expect(new Set(all.map((delivery) => eventOf(delivery).id)).size).toBe(1);
    // The outcome of the third attempt is written once the receiver has answered.
    let read = (await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body;
    for (let i = 0; i < 50 && read.last_success_at === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      read = (await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body;
    }
    expect(read).toMatchObject({ consecutive_failures: 0, is_active: true });
    expect(read.last_success_at).not.toBeNull();
    expect(read.last_failure_at).not.toBeNull();
  });

  it('auto-disables after 20 consecutive failures with no success, and delivers nothing more', async () => {
    await api.config({ webhook_retry_base_ms: 0, webhook_max_attempts: 25 });
    const endpoint = (await register()).body;
    receiver.answer(...Array.from({ length: 20 }, () => 500));
    await api.call('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, { body: { event_type: 'image.completed' } });
    await receiver.received(20);
    let read = (await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body;
    for (let i = 0; i < 50 && read.is_active; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      read = (await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body;
    }
    expect(read).toMatchObject({ is_active: false, consecutive_failures: 20, last_success_at: null });
    const fired = await api.call<WebhookTestFire>('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, {
      body: { event_type: 'image.completed' },
    });
    expect(fired.body.enqueued).toBe(false);
  });

  it('a test fire is a real signed delivery marked synthetic: true', async () => {
    const endpoint = (await register()).body;
    const fired = await api.call<WebhookTestFire>('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, {
      body: { event_type: 'image.completed' },
    });
    expect(fired.body).toMatchObject({ object: 'webhook_test_fire', endpoint_id: endpoint.id, enqueued: true });
    const [delivery] = await receiver.received(1);
    expect(verifies(delivery!, endpoint.secret!)).toBe(true);
    expect(eventOf(delivery!)).toMatchObject({ id: fired.body.event_id, type: 'image.completed', synthetic: true });
  });

  it('after a rotation, deliveries are signed with the new secret and, for the overlap, the old one too', async () => {
    const endpoint = (await register()).body;
    const rotated = await api.call<WebhookEndpoint>('POST', `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.secret_preview).not.toBe(endpoint.secret_preview);
    expect((await api.call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${endpoint.id}`)).body.secret).toBeNull();
    await api.call('POST', `/v1/webhook_endpoints/${endpoint.id}/test`, { body: { event_type: 'image.failed' } });
    const [delivery] = await receiver.received(1);
    expect(verifies(delivery!, rotated.body.secret!)).toBe(true);
    expect(verifies(delivery!, endpoint.secret!)).toBe(true);
    expect(delivery!.signature.match(/v1=/g)).toHaveLength(2);
  });
});
