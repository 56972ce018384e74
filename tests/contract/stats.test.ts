/** GET /_sandbox/stats: per-team uploads, characters, credits, charges and traffic; POST /_sandbox/refill. */
import { describe, expect, it } from 'vitest';
import { COST, RATE_LIMIT_BUCKETS } from '../../contract/aurous';
import { SANDBOX_DEFAULT_SYNTH_DELAY_MS, SANDBOX_SEED_CREDITS, SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const synthBody = { name: 'S', generate: true, attributes: ATTRIBUTES };
const zeroPerBucket = Object.fromEntries(Object.keys(RATE_LIMIT_BUCKETS).map((bucket) => [bucket, 0]));
const noTraffic = { requests: zeroPerBucket, routes: {}, rate_limited: zeroPerBucket };

describe('GET /_sandbox/stats', () => {
  it('needs no key and starts from the seeded state', async () => {
    const reply = await api.call('GET', '/_sandbox/stats', { key: null });
    expect(reply.status).toBe(200);
    const empty = { uploads_created: 0, uploads_consumed: 0, characters: 0, held_credits: 0, charges: 0 };
    expect(reply.body).toEqual({
      teams: {
        a: { ...empty, credits: SANDBOX_SEED_CREDITS.a, available_credits: SANDBOX_SEED_CREDITS.a },
        b: { ...empty, credits: SANDBOX_SEED_CREDITS.b, available_credits: SANDBOX_SEED_CREDITS.b },
      },
      faults: { injected_5xx: 0, injected_put_resets: 0, injected_put_403: 0, injected_429: 0 },
      traffic: { a: noTraffic, b: noTraffic },
    });
  });

  it('counts uploads created and consumed, characters, holds and committed charges per team', async () => {
    const ids = [await api.upload('a.png'), await api.upload('b.png')];
    await api.init('never-put.png');
    expect((await api.create({ name: 'U', upload_ids: ids })).status).toBe(201);
    expect((await api.create(synthBody)).status).toBe(201);
    await api.config({ fail_next_synth: true });
    expect((await api.create(synthBody)).status).toBe(201);

    let a = (await api.stats()).teams.a;
    expect(a).toMatchObject({ uploads_created: 3, uploads_consumed: 2, characters: 3, charges: 2 });
    expect(a.held_credits).toBe(2 * COST.synthesize);
    expect(a.available_credits).toBe(SANDBOX_SEED_CREDITS.a - 2 * COST.synthesize);

    await api.advance(SANDBOX_DEFAULT_SYNTH_DELAY_MS);
    a = (await api.stats()).teams.a;
    // The failed synthesis released its hold and is no charge.
    expect(a).toMatchObject({ charges: 1, held_credits: 0, credits: SANDBOX_SEED_CREDITS.a - COST.synthesize });
    expect((await api.stats()).teams.b).toMatchObject({ uploads_created: 0, characters: 0, charges: 0 });

    await api.upload('b.png', undefined, SANDBOX_TEAM_B_KEY);
    expect((await api.stats()).teams.b.uploads_created).toBe(1);
  });
});

describe('POST /_sandbox/credits', () => {
  it('sets a team’s credits, so running out is one call away, and the API then answers 402', async () => {
    const reply = await api.call('POST', '/_sandbox/credits', { key: null, body: { team: 'a', credits: 3 } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ credits: 3, available_credits: 3 });
    const refused = await api.create(synthBody);
    expect(refused.status).toBe(402);
    expect(api.errorOf(refused).code).toBe('insufficient_credits');
    expect((await api.stats()).teams.b.credits).toBe(SANDBOX_SEED_CREDITS.b);
  });

  it('refuses an unknown team or a negative amount', async () => {
    expect((await api.call('POST', '/_sandbox/credits', { key: null, body: { team: 'c', credits: 3 } })).status).toBe(400);
    expect((await api.call('POST', '/_sandbox/credits', { key: null, body: { team: 'a', credits: -1 } })).status).toBe(400);
  });
});

describe('GET /_sandbox/stats traffic', () => {
  it('counts each team’s requests per bucket and per route kind, and the 429s answered per bucket', async () => {
    const created = await api.create(synthBody);
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 3; i++) expect((await api.call('GET', `/v1/characters/${id}`)).status).toBe(200);
    expect((await api.call('GET', '/v1/characters')).status).toBe(200);
    expect((await api.call('GET', '/v1/balance', { key: SANDBOX_TEAM_B_KEY })).status).toBe(200);
    // An unknown key is not a team's traffic.
    expect((await api.call('GET', '/v1/balance', { key: `al_live_${'9'.repeat(64)}` })).status).toBe(401);
    // A path outside the endpoint table still draws from a bucket (GET → get).
    await api.call('GET', '/v1/nowhere');

    const { traffic } = await api.stats();
    expect(traffic.a.requests).toEqual({ ...zeroPerBucket, characters_synthesize: 1, characters_get: 4, get: 1 });
    expect(traffic.a.routes).toEqual({
      'POST /v1/characters': 1,
      'GET /v1/characters/:id': 3,
      'GET /v1/characters': 1,
      'GET other': 1,
    });
    expect(traffic.a.rate_limited).toEqual(zeroPerBucket);
    expect(traffic.b).toEqual({ requests: { ...zeroPerBucket, get: 1 }, routes: { 'GET /v1/balance': 1 }, rate_limited: zeroPerBucket });
  });

  it('counts the bucket’s own refusals and injected 429s under the bucket they drew from', async () => {
    const { capacity } = RATE_LIMIT_BUCKETS.characters_synthesize;
    const statuses: number[] = [];
    for (let i = 0; i < capacity + 2; i++) statuses.push((await api.create(synthBody)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    await api.config({ rate_limit_burst: 3 });
    for (let i = 0; i < 3; i++) expect((await api.call('GET', '/v1/balance')).status).toBe(429);

    const { traffic, faults } = await api.stats();
    expect(traffic.a.requests).toMatchObject({ characters_synthesize: capacity + 2, get: 3 });
    expect(traffic.a.rate_limited).toEqual({ ...zeroPerBucket, characters_synthesize: 2, get: 3 });
    expect(faults.injected_429).toBe(3);
  });

  it('starts from zero again after a reset', async () => {
    await api.call('GET', '/v1/balance');
    expect((await api.stats()).traffic.a.requests.get).toBe(1);
    await api.reset();
    expect((await api.stats()).traffic.a).toEqual(noTraffic);
  });
});

describe('POST /_sandbox/refill', () => {
  it('fills one team’s bucket again without moving the clock: more syntheses start at one instant', async () => {
    const { capacity } = RATE_LIMIT_BUCKETS.characters_synthesize;
    for (let i = 0; i < capacity; i++) expect((await api.create(synthBody)).status).toBe(201);
    expect((await api.create(synthBody)).status).toBe(429);
    const refill = await api.call('POST', '/_sandbox/refill', { key: null, body: { team: 'a', bucket: 'characters_synthesize' } });
    expect(refill.status).toBe(200);
    for (let i = 0; i < capacity; i++) expect((await api.create(synthBody)).status).toBe(201);
    expect((await api.create(synthBody)).status).toBe(429);
    // The clock stood still: every one of them is still synthesizing.
    const list = await api.call<{ data: { status: string }[] }>('GET', '/v1/characters?limit=100');
    expect(list.body.data.map((ch) => ch.status)).toEqual(Array.from({ length: 2 * capacity }, () => 'synthesizing'));
  });

  it('refuses an unknown bucket or team', async () => {
    expect((await api.call('POST', '/_sandbox/refill', { key: null, body: { team: 'a', bucket: 'nope' } })).status).toBe(400);
    expect((await api.call('POST', '/_sandbox/refill', { key: null, body: { team: 'c', bucket: 'get' } })).status).toBe(400);
  });
});
