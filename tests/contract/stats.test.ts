/** GET /_sandbox/stats: per-team uploads, characters, credits and charges. */
import { describe, expect, it } from 'vitest';
import { COST } from '../../contract/aurous';
import { SANDBOX_DEFAULT_SYNTH_DELAY_MS, SANDBOX_SEED_CREDITS, SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const synthBody = { name: 'S', generate: true, attributes: ATTRIBUTES };

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
