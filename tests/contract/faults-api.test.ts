/** /v1 faults: rate_limit_burst, json_5xx_rate (before and after processing), seeding, reset. */
import { describe, expect, it } from 'vitest';
import { COST } from '../../contract/aurous';
import { SANDBOX_DEFAULT_FAULT_SEED } from '../../contract/sandbox';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const synthBody = { name: 'S', generate: true, attributes: ATTRIBUTES };
const CODE_BY_STATUS: Record<number, string> = { 500: 'internal_error', 502: 'provider_timeout', 503: 'provider_unavailable' };

const balanceStatuses = async (n: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await api.balance()).status);
  return statuses;
};

describe('rate_limit_burst', () => {
  it('the next N /v1 requests are 429 with Retry-After: 1 and remaining 0, then exhausts exactly', async () => {
    const config = await api.config({ rate_limit_burst: 3 });
    expect(config.body).toMatchObject({ rate_limit_burst: 3 });
    for (let i = 0; i < 3; i++) {
      const reply = await api.balance();
      expect(reply.status).toBe(429);
      expect(api.errorOf(reply)).toMatchObject({ type: 'rate_limit', code: 'too_many_requests' });
      expect(reply.headers.get('retry-after')).toBe('1');
      expect(reply.headers.get('x-ratelimit-limit')).toBe('1200');
      expect(reply.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(reply.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(reply.headers.get('aurous-request-id')).toBe(api.errorOf(reply).request_id);
    }
    const after = await api.balance();
    expect(after.status).toBe(200);
    // The burst answered before the real limiter: no bucket token was spent on it.
    expect(after.headers.get('x-ratelimit-remaining')).toBe('1199');
    expect((await api.stats()).faults.injected_429).toBe(3);
  });

  it('applies before processing: a refused create changes nothing', async () => {
    await api.config({ rate_limit_burst: 1 });
    expect((await api.create(synthBody)).status).toBe(429);
    const stats = await api.stats();
    expect(stats.teams.a).toMatchObject({ characters: 0, charges: 0, held_credits: 0 });
  });
});

describe('json_5xx_rate', () => {
  it('0 never fires and 1 always fires, with the server_error envelope and request id', async () => {
    expect(await balanceStatuses(20)).toEqual(Array(20).fill(200));
    await api.config({ json_5xx_rate: 1 });
    for (let i = 0; i < 20; i++) {
      const reply = await api.balance();
      expect([500, 502, 503]).toContain(reply.status);
      expect(api.errorOf(reply)).toMatchObject({ type: 'server_error', code: CODE_BY_STATUS[reply.status] });
      expect(reply.headers.get('aurous-request-id')).toBe(api.errorOf(reply).request_id);
      expect(reply.headers.get('content-type')).toMatch(/application\/json/);
    }
    expect((await api.stats()).faults.injected_5xx).toBe(20);
  });

  it('never touches /_sandbox/* or storage', async () => {
    await api.config({ json_5xx_rate: 1 });
    const init = await api.call<{ upload_url: string }>('POST', '/v1/characters/uploads/init', {
      body: { filename: 'a.png', extension: 'png', content_type: 'image/png' },
    });
    expect(init.status).toBeGreaterThanOrEqual(500);
    expect((await api.config({})).status).toBe(200);
    expect((await api.call('GET', '/_sandbox/stats', { key: null })).status).toBe(200);
    await api.config({ json_5xx_rate: 0 });
    const fresh = await api.init();
    await api.config({ json_5xx_rate: 1 });
    expect((await api.put(fresh.body.upload_url, new Uint8Array([1, 2, 3]))).status).toBe(200);
  });

  it('after-processing failures: the retry with the same key replays and credits are charged once', async () => {
    await api.config({ fault_seed: 7 });
    const seen = { before: 0, after: 0 };
    for (let i = 0; i < 5; i++) {
      const headers = { 'Idempotency-Key': `fault-${i}` };
      await api.config({ json_5xx_rate: 1 });
      const failed = await api.create(synthBody, { headers });
      expect([500, 502, 503]).toContain(failed.status);
      expect(failed.headers.get('aurous-idempotent-replayed')).toBeNull();
      const processed = (await api.stats()).teams.a.charges === seen.before + seen.after + 1;
      await api.config({ json_5xx_rate: 0 });
      const retry = await api.create(synthBody, { headers });
      expect(retry.status).toBe(201);
      // Processed before the 5xx: the stored 2xx is replayed. Not processed: the retry is fresh.
      expect(retry.headers.get('aurous-idempotent-replayed')).toBe(processed ? 'true' : null);
      seen[processed ? 'after' : 'before'] += 1;
      const stats = await api.stats();
      expect(stats.teams.a.charges).toBe(i + 1);
      expect(stats.teams.a.characters).toBe(i + 1);
      expect(stats.teams.a.held_credits).toBe(COST.synthesize * (i + 1));
    }
    expect(seen.before).toBeGreaterThan(0);
    expect(seen.after).toBeGreaterThan(0);
    expect((await api.stats()).faults.injected_5xx).toBe(5);
  });

  it('is reproducible: the same fault_seed gives the same sequence; reset restores the default seed', async () => {
    await api.config({ json_5xx_rate: 0.5, fault_seed: 42 });
    const first = await balanceStatuses(30);
    expect(first.some((status) => status === 200)).toBe(true);
    expect(first.some((status) => status >= 500)).toBe(true);
    await api.config({ fault_seed: 42 });
    expect(await balanceStatuses(30)).toEqual(first);

    await api.reset();
    await api.config({ json_5xx_rate: 0.5 });
    const byDefault = await balanceStatuses(30);
    await api.reset();
    await api.config({ json_5xx_rate: 0.5, fault_seed: SANDBOX_DEFAULT_FAULT_SEED });
    expect(await balanceStatuses(30)).toEqual(byDefault);
  });
});

describe('reset and config', () => {
  it('omitted fields keep their value; reset turns every fault off and zeroes the counters', async () => {
    await api.config({ json_5xx_rate: 0.25, put_reset_rate: 0.5, put_403_expired: 2, rate_limit_burst: 1, fault_seed: 9 });
    const kept = await api.config({ latency_ms: 0 });
    expect(kept.body).toMatchObject({ json_5xx_rate: 0.25, put_reset_rate: 0.5, put_403_expired: 2, rate_limit_burst: 1, fault_seed: 9 });
    expect((await api.balance()).status).toBe(429);
    const reset = await api.reset();
    expect((reset.body as { config: unknown }).config).toMatchObject({
      latency_ms: 0,
      json_5xx_rate: 0,
      put_reset_rate: 0,
      put_403_expired: 0,
      rate_limit_burst: 0,
      fault_seed: SANDBOX_DEFAULT_FAULT_SEED,
    });
    expect((await api.stats()).faults).toEqual({ injected_5xx: 0, injected_put_resets: 0, injected_put_403: 0, injected_429: 0 });
    expect(await balanceStatuses(5)).toEqual(Array(5).fill(200));
  });

  it('rejects rates outside 0–1 and negative counts', async () => {
    expect((await api.config({ json_5xx_rate: 1.5 })).status).toBe(400);
    expect((await api.config({ put_reset_rate: -0.1 })).status).toBe(400);
    expect((await api.config({ put_403_expired: -1 })).status).toBe(400);
    expect((await api.config({ rate_limit_burst: 1.5 })).status).toBe(400);
    expect((await api.config({ fault_seed: 'x' })).status).toBe(400);
  });
});
