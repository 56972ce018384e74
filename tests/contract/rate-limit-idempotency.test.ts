import { describe, expect, it } from 'vitest';
import type { Character } from '../../contract/aurous';
import {
  SANDBOX_DEFAULT_FAULT_SEED,
  SANDBOX_DEFAULT_SYNTH_DELAY_MS,
  SANDBOX_DEFAULT_WEBHOOK_MAX_ATTEMPTS,
  SANDBOX_DEFAULT_WEBHOOK_RETRY_BASE_MS,
  SANDBOX_TEAM_B_KEY,
} from '../../contract/sandbox';
import { WEBHOOK_ACK_TIMEOUT_MS } from '../../contract/webhooks';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const synthBody = { name: 'S', generate: true, attributes: ATTRIBUTES };

describe('rate limits', () => {
  it('429 too_many_requests with Retry-After once characters_synthesize (12) is drained; recovers on the clock', async () => {
    for (let i = 0; i < 12; i++) {
      const reply = await api.create(synthBody);
      expect(reply.status).toBe(201);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('12');
      expect(reply.headers.get('x-ratelimit-remaining')).toBe(String(11 - i));
    }
    const limited = await api.create(synthBody);
    expect(limited.status).toBe(429);
    expect(api.errorOf(limited)).toMatchObject({ type: 'rate_limit', code: 'too_many_requests' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('aurous-request-id')).toBe(api.errorOf(limited).request_id);
    // Buckets are separate and per team.
    expect((await api.call('GET', '/v1/characters')).status).toBe(200);
    expect((await api.create(synthBody, { key: SANDBOX_TEAM_B_KEY })).status).toBe(201);
    await api.advance(retryAfter * 1000);
    expect((await api.create(synthBody)).status).toBe(201);
    expect((await api.create(synthBody)).status).toBe(429);
  });

  it('429 with Retry-After once characters_post (60) is drained', async () => {
    for (let i = 0; i < 60; i++) expect((await api.init()).status).toBe(200);
    const limited = await api.init();
    expect(limited.status).toBe(429);
    expect(api.errorOf(limited).code).toBe('too_many_requests');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('60');
    // 30 per minute: one token is at most 2 s away.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    await api.advance(retryAfter * 1000);
    expect((await api.init()).status).toBe(200);
  });

  it('X-RateLimit-Reset is when the bucket is full again: not past, not beyond time-to-full', async () => {
    const before = Date.now() / 1000;
    for (let i = 0; i < 12; i++) await api.create(synthBody);
    const reply = await api.create(synthBody);
    const after = Date.now() / 1000;
    const reset = Number(reply.headers.get('x-ratelimit-reset'));
    // An empty 12-token bucket refilling 6/min is full again in 120 s.
    expect(reset).toBeGreaterThanOrEqual(Math.floor(before));
    expect(reset).toBeLessThanOrEqual(after + 120 + 1);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(before + 120 - 5));
    const get = await api.call('GET', '/v1/characters');
    const getReset = Number(get.headers.get('x-ratelimit-reset'));
    // One token out of 240 at 120/min is back in 0.5 s.
    expect(getReset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 1);
    expect(getReset).toBeLessThanOrEqual(Date.now() / 1000 + 0.5 + 1);
  });

  it('routes draw from the right bucket (upload-flow create → characters_post, regenerate → synthesize)', async () => {
    const init = await api.init();
    expect(init.headers.get('x-ratelimit-limit')).toBe('60');
    const create = await api.create({ name: 'u', upload_ids: [init.body.upload_id] });
    expect(create.headers.get('x-ratelimit-limit')).toBe('60');
    const regen = await api.call('POST', `/v1/characters/${create.body.id}/refs/regenerate`, { body: { pose: 'front' } });
    expect(regen.headers.get('x-ratelimit-limit')).toBe('12');
  });
});

describe('idempotency', () => {
  const withKey = (key: string, body: unknown = synthBody) => api.create(body, { headers: { 'Idempotency-Key': key } });

  it('replays the stored 2xx with Aurous-Idempotent-Replayed and never charges twice', async () => {
    const first = await withKey('key-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('aurous-idempotent-replayed')).toBeNull();
    // Same body with keys in another order is the same request.
    const replay = await withKey('key-1', { attributes: ATTRIBUTES, generate: true, name: 'S' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('aurous-idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await api.balance()).body).toMatchObject({ held_credits: 4 });
    expect((await api.call('GET', '/v1/characters')).body).toMatchObject({ data: [{ id: first.body.id }] });
    // Scoped per team: team B may use the same key.
    expect(
      (await api.create(synthBody, { key: SANDBOX_TEAM_B_KEY, headers: { 'Idempotency-Key': 'key-1' } })).headers.get(
        'aurous-idempotent-replayed',
      ),
    ).toBeNull();
  });

  it('accepts the Aurous-Idempotent-Key alias', async () => {
    await api.create(synthBody, { headers: { 'Aurous-Idempotent-Key': 'alias' } });
    const replay = await api.create(synthBody, { headers: { 'Aurous-Idempotent-Key': 'alias' } });
    expect(replay.headers.get('aurous-idempotent-replayed')).toBe('true');
  });

  it('409 idempotency_key_in_use for a different body or route', async () => {
    const first = await withKey('key-2');
    const other = await withKey('key-2', { ...synthBody, name: 'Other' });
    expect(other.status).toBe(409);
    expect(api.errorOf(other)).toMatchObject({ type: 'invalid_request', code: 'idempotency_key_in_use' });
    await api.advance(SANDBOX_DEFAULT_SYNTH_DELAY_MS);
    const route = await api.call('POST', `/v1/characters/${first.body.id}/resynthesize`, {
      body: synthBody,
      headers: { 'Idempotency-Key': 'key-2' },
    });
    expect(route.status).toBe(409);
  });

  it('409 while the first request is still in flight (latency_ms)', async () => {
    await api.config({ latency_ms: 300 });
    const [a, b] = await Promise.all([
      withKey('key-3'),
      new Promise<Awaited<ReturnType<typeof withKey>>>((resolve) => setTimeout(() => resolve(withKey('key-3')), 50)),
    ]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(409);
    expect(api.errorOf(b).code).toBe('idempotency_key_in_use');
  });

  it('does not store an invalid_request outcome; expires after 24 h on the clock', async () => {
    const bad = await withKey('key-4', { name: 'x', generate: true });
    expect(bad.status).toBe(400);
    const good = await withKey('key-4');
    expect(good.status).toBe(201);
    expect(good.headers.get('aurous-idempotent-replayed')).toBeNull();
    await api.advance(24 * 3600_000 + 1000);
    const fresh = await withKey('key-4');
    expect(fresh.headers.get('aurous-idempotent-replayed')).toBeNull();
    expect(fresh.body.id).not.toBe(good.body.id);
  });

  it('still replays at 23 h; past 24 h the key is new again (processed anew and charged)', async () => {
    await api.config({ synth_delay_ms: 0 });
    const first = await withKey('key-5');
    await api.advance(23 * 3600_000);
    const replay = await withKey('key-5');
    expect(replay.headers.get('aurous-idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await api.balance()).body.credits).toBe(996);
    await api.advance(3600_000 + 60_000);
    const fresh = await withKey('key-5');
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('aurous-idempotent-replayed')).toBeNull();
    expect(fresh.body.id).not.toBe(first.body.id);
    expect((await api.balance()).body.credits).toBe(992);
  });

  it('resynthesize replays with the same key without a second charge', async () => {
    await api.config({ synth_delay_ms: 0 });
    const created = await api.create(synthBody);
    const resynth = (key: string) =>
      api.call<Character>('POST', `/v1/characters/${created.body.id}/resynthesize`, { body: {}, headers: { 'Idempotency-Key': key } });
    const first = await resynth('rs1');
    expect(first.status).toBe(200);
    const replay = await resynth('rs1');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('aurous-idempotent-replayed')).toBe('true');
    expect((await api.balance()).body).toMatchObject({ credits: 1000 - 4 - 4, held_credits: 0 });
  });

  it('regenerate replays without a second charge; key length 1–256', async () => {
    await api.config({ synth_delay_ms: 0 });
    const created = await api.create(synthBody);
    const regen = (key: string) =>
      api.call<Character>('POST', `/v1/characters/${created.body.id}/refs/regenerate`, {
        body: { pose: 'front' },
        headers: { 'Idempotency-Key': key },
      });
    expect((await regen('r1')).status).toBe(200);
    const replay = await regen('r1');
    expect(replay.headers.get('aurous-idempotent-replayed')).toBe('true');
    expect((await api.balance()).body.credits).toBe(1000 - 4 - 1);
    const tooLong = await regen('k'.repeat(257));
    expect(api.errorOf(tooLong)).toMatchObject({ code: 'invalid_format', param: 'Idempotency-Key' });
    const empty = await regen('');
    expect(empty.status).toBe(400);
  });
});

describe('control surface', () => {
  it('config merges and returns the full config; reset restores seeds, defaults and the clock', async () => {
    const config = await api.config({ synth_delay_ms: 10 });
    expect(config.body).toEqual({
      synth_delay_ms: 10,
      fail_next_synth: false,
      synth_lands_in: 'reviewing',
      latency_ms: 0,
      json_5xx_rate: 0,
      put_reset_rate: 0,
      put_403_expired: 0,
      rate_limit_burst: 0,
      fault_seed: SANDBOX_DEFAULT_FAULT_SEED,
      webhook_retry_base_ms: SANDBOX_DEFAULT_WEBHOOK_RETRY_BASE_MS,
      webhook_max_attempts: SANDBOX_DEFAULT_WEBHOOK_MAX_ATTEMPTS,
      webhook_timeout_ms: WEBHOOK_ACK_TIMEOUT_MS,
    });
    expect((await api.config({ fail_next_synth: true })).body).toMatchObject({ synth_delay_ms: 10, fail_next_synth: true });
    const clock = await api.advance(3600_000);
    const now = Date.parse((clock.body as { now: string }).now);
    expect(now - Date.now()).toBeGreaterThan(3590_000);
    await api.create(synthBody);
    await api.reset();
    expect((await api.config({})).body).toMatchObject({ synth_delay_ms: SANDBOX_DEFAULT_SYNTH_DELAY_MS, fail_next_synth: false });
    const after = Date.parse(((await api.advance(0)).body as { now: string }).now);
    expect(Math.abs(after - Date.now())).toBeLessThan(5000);
    expect((await api.balance()).body).toMatchObject({ credits: 1000, held_credits: 0 });
    expect((await api.call('GET', '/v1/characters')).body).toMatchObject({ data: [] });
    expect((await api.config({ bogus: 1 })).status).toBe(400);
  });
});
