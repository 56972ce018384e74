/**
 * The console's webhook receiver (POST /api/webhooks/aurous) and its registration: a wrong
 * signature or an old timestamp is refused and changes nothing, a replay is ignored, a valid
 * delivery updates the index, the embedded sandbox's real deliveries reach it, and the secret
 * never reaches a browser. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../contract/aurous';
import type { WebhookEvent } from '../../contract/webhooks';
import { character as characterTable, webhookEvent, webhookRegistration } from '../../server/db/schema';
import { WEBHOOK_RECEIVER_PATH } from '../../server/webhooks/receiver';
import { createRateBudget } from '../../server/rate-budget';
import { withRateBudget } from '../../server/upstream';
import { ensureWebhookRegistration, forgetWebhookRegistration, webhooksActive } from '../../server/webhooks/registration';
import { signatureHeader } from '../../sandbox/domain/webhooks';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { api, direct, person, startScopedConsole, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SECRET = 'whsec_test_secret_for_the_receiver_0001';
const now = () => Math.floor(Date.now() / 1000);

function characterEvent(id: string, character: Partial<Character> & { id: string }, type = 'character.completed'): string {
  const full: Character = {
    object: 'character',
    name: 'Hooked',
    status: 'reviewing',
    refs: [],
    created_at: '2026-12-01T10:00:00.000Z',
    updated_at: '2026-12-01T10:01:00.000Z',
    attributes: null,
    error_message: null,
    aurous_version: '2026-05-15',
    client_reference_id: null,
    ...character,
  } as Character;
  const event: WebhookEvent<Character> = {
    id,
    object: 'event',
    type: type as WebhookEvent['type'],
    created_at: full.updated_at,
    data: { object: full },
  };
  return JSON.stringify(event);
}

describe.each(DRIVERS)('the webhook receiver on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  const db = () => app.started.database.db;
  const deliver = (body: string, signature: string) =>
    fetch(`${app.origin}${WEBHOOK_RECEIVER_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Aurous-Webhook-Signature': signature },
      body,
    });
  const indexed = async (id: string) => (await db().select().from(characterTable).where(eq(characterTable.id, id)))[0];

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    app = await startScopedConsole(fresh.options);
  });
  afterAll(async () => {
    await app.stop();
    await fresh.drop();
  });
  beforeEach(async () => {
    await db().delete(webhookEvent);
    await forgetWebhookRegistration(db());
    // Registering, test fires and deletes share a 10-request bucket at the API: each test starts with it full.
    await direct(app.origin, 'POST', '/_sandbox/refill', { team: 'a', bucket: 'webhook_endpoints_post' });
    const outcome = await ensureWebhookRegistration({
      db: db(),
      upstream: app.upstream,
      origin: app.origin,
      setup: { kind: 'secret', secret: SECRET },
      timeoutMs: 5000,
    });
    expect(outcome).toBe('configured');
  });

  it('a wrong signature is 400 and changes nothing', async () => {
    const body = characterEvent('evt_wrong', { id: 'char_wrong' });
    const forged = await deliver(body, signatureHeader(['whsec_someone_else'], body, now()));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    expect((await deliver(body, 'garbage')).status).toBe(400);
    expect((await deliver(body, '')).status).toBe(400);
    // The right secret over a different body does not verify either.
    expect((await deliver(body, signatureHeader([SECRET], body.replace('Hooked', 'Forged'), now()))).status).toBe(400);
    expect(await indexed('char_wrong')).toBeUndefined();
    expect(await db().select().from(webhookEvent)).toHaveLength(0);
    expect(await webhooksActive(db())).toBe(false);
  });

  it('refuses a timestamp outside the 5-minute tolerance, either way', async () => {
    const body = characterEvent('evt_old', { id: 'char_old' });
    const old = await deliver(body, signatureHeader([SECRET], body, now() - 6 * 60));
    expect(old.status).toBe(400);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('timestamp_out_of_tolerance');
    expect((await deliver(body, signatureHeader([SECRET], body, now() + 6 * 60))).status).toBe(400);
    expect(await indexed('char_old')).toBeUndefined();
  });

  it('a valid delivery updates the index (owner from client_reference_id) and marks webhooks active', async () => {
    expect(await webhooksActive(db())).toBe(false);
    const body = characterEvent('evt_valid', { id: 'char_valid', status: 'ready', name: 'Valid' });
    const answer = await deliver(body, signatureHeader(['whsec_old_one', SECRET], body, now()));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ received: true, duplicate: false });
    expect(await indexed('char_valid')).toMatchObject({ status: 'ready', name: 'Valid' });
    expect(await webhooksActive(db())).toBe(true);
  });

  it('a replayed event id is acknowledged and ignored', async () => {
    const first = characterEvent('evt_replay', { id: 'char_replay', status: 'reviewing' });
    expect((await deliver(first, signatureHeader([SECRET], first, now()))).status).toBe(200);
    // Same id, different (newer) content, freshly signed: still the same event, so nothing changes.
    const again = characterEvent('evt_replay', { id: 'char_replay', status: 'failed', updated_at: '2026-12-01T11:00:00.000Z' });
    const replay = await deliver(again, signatureHeader([SECRET], again, now()));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
    expect((await indexed('char_replay'))?.status).toBe('reviewing');
  });

  // The API announces a burst of completions at once, all to the copy that registered: a
  // transaction each kept that copy's pool, and so the completions and its pages, waiting for
  // seconds (the pages then heard of them from the 5 s sync, not the webhook).
  it('a burst of deliveries at once is written together: each indexed once, a replay among them ignored', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `char_burst_${String(i).padStart(2, '0')}`);
    // The database is slow to start with (as on a busy copy): the first writes take a while, and
    // what arrives meanwhile waits for one write together instead of taking a transaction each.
    const database = db();
    const transaction = database.transaction.bind(database);
    const transactions = vi.spyOn(database, 'transaction').mockImplementation(async (run, config) => {
      if (transactions.mock.calls.length <= 2) await new Promise((resolve) => setTimeout(resolve, 500));
      return transaction(run, config);
    });
    try {
      const bodies = ids.map((id, i) => characterEvent(`evt_burst_${i}`, { id, status: 'reviewing', name: `Burst ${i}` }));
      // A retry of the first event racing it: acknowledged, and changes nothing twice.
      bodies.push(bodies[0]!);
      const answers = await Promise.all(bodies.map((body) => deliver(body, signatureHeader([SECRET], body, now()))));
      expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
      const received = (await Promise.all(answers.map((answer) => answer.json()))) as { duplicate: boolean }[];
      expect(received.filter((answer) => answer.duplicate)).toHaveLength(1);
      for (const [i, id] of ids.entries()) expect(await indexed(id)).toMatchObject({ status: 'reviewing', name: `Burst ${i}` });
      expect(await db().select().from(webhookEvent)).toHaveLength(ids.length);
      expect(transactions.mock.calls.length).toBeLessThanOrEqual(ids.length / 4);
    } finally {
      transactions.mockRestore();
    }
  });

  it('a synthetic test delivery verifies but indexes nothing', async () => {
    const event = {
      id: 'evt_synthetic',
      object: 'event',
      type: 'character.completed',
      synthetic: true,
      data: { object: { id: 'char_fake' } },
    };
    const body = JSON.stringify(event);
    expect((await deliver(body, signatureHeader([SECRET], body, now()))).status).toBe(200);
    expect(await indexed('char_fake')).toBeUndefined();
  });

  it('registered with the embedded sandbox, its real deliveries reach the index without anyone polling', async () => {
    await forgetWebhookRegistration(db());
    const url = `${app.origin}${WEBHOOK_RECEIVER_PATH}`;
    const setup = { kind: 'register' as const, url };
    const options = { db: db(), upstream: app.upstream, origin: app.origin, setup, timeoutMs: 5000 };
    expect(await ensureWebhookRegistration(options)).toBe('registered');
    // Once per deployment: a second copy starting keeps the endpoint.
    expect(await ensureWebhookRegistration(options)).toBe('kept');
    const rows = await db().select().from(webhookRegistration);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret).toMatch(/^whsec_/);

    await direct(app.origin, 'POST', '/_sandbox/config', { synth_delay_ms: 300 });
    const created = await direct(app.origin, 'POST', '/v1/characters', {
      name: 'Pushed',
      generate: true,
      attributes: { hair_color: 'teal' },
    });
    const id = (created.body as Character).id;
    let row = await indexed(id);
    for (let i = 0; i < 200 && row?.status !== 'reviewing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = await indexed(id);
    }
    expect(row?.status).toBe('reviewing');
    expect(await webhooksActive(db())).toBe(true);
  });

  it('a copy at another address replaces the endpoint, so the API delivers each event once, not also to a secret nobody holds', async () => {
    await forgetWebhookRegistration(db());
    const first = { kind: 'register' as const, url: `${app.origin}${WEBHOOK_RECEIVER_PATH}` };
    const options = { db: db(), upstream: app.upstream, origin: app.origin, timeoutMs: 5000 };
    expect(await ensureWebhookRegistration({ ...options, setup: first })).toBe('registered');
    const [before] = await db().select().from(webhookRegistration);
    // Another copy with an address of its own (as the team rig's copies have).
    const second = { kind: 'register' as const, url: `${app.origin.replace('127.0.0.1', 'localhost')}${WEBHOOK_RECEIVER_PATH}` };
    expect(await ensureWebhookRegistration({ ...options, setup: second })).toBe('registered');
    const [after] = await db().select().from(webhookRegistration);
    expect(after!.endpointId).not.toBe(before!.endpointId);
    // The first endpoint is gone at the API: no delivery goes there signed with the replaced secret.
    expect((await direct(app.origin, 'GET', `/v1/webhook_endpoints/${before!.endpointId}`)).status).toBe(404);
    expect((await direct(app.origin, 'GET', `/v1/webhook_endpoints/${after!.endpointId}`)).status).toBe(200);
  });

  it.runIf(driver === 'postgres')('one delivery held up in the database does not hold up the others', async () => {
    const url = fresh.options.databaseUrl!;
    const seed = characterEvent('evt_seed_slow', { id: 'char_slow', status: 'synthesizing' });
    expect((await deliver(seed, signatureHeader([SECRET], seed, now()))).status).toBe(200);
    // Another session locks the slow character's row, as a long write to it would.
    const locker = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await locker.connect();
    await watcher.connect();
    const waiting = async () =>
      Number(
        (
          await watcher.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        ).rows[0]!.n,
      );
    try {
      await locker.query('begin');
      await locker.query(`select 1 from "character" where id = 'char_slow' for update`);
      const slowBody = characterEvent('evt_slow', { id: 'char_slow', updated_at: '2026-12-01T10:05:00.000Z' });
      const slow = deliver(slowBody, signatureHeader([SECRET], slowBody, now()));
      while ((await waiting()) < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      const quickBody = characterEvent('evt_quick', { id: 'char_quick', status: 'reviewing' });
      let quickDone = false;
      const quick = deliver(quickBody, signatureHeader([SECRET], quickBody, now())).then((answer) => {
        quickDone = true;
        return answer;
      });
      // Either the quick one is answered, or it queues behind the slow one (a second lock waiter).
      while (!quickDone && (await waiting()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      const queuedBehind = !quickDone;
      await locker.query('rollback');
      expect(queuedBehind).toBe(false);
      expect((await quick).status).toBe(200);
      expect((await slow).status).toBe(200);
      expect((await indexed('char_quick'))?.status).toBe('reviewing');
    } finally {
      await locker.end();
      await watcher.end();
    }
  });

  it('registers through the team’s rate budget (the same database) without waiting on itself, once for two copies at once', async () => {
    await forgetWebhookRegistration(db());
    const upstream = withRateBudget(app.upstream, createRateBudget({ db: db(), teamKey: 'webhook-registration-test' }));
    const setup = { kind: 'register' as const, url: `${app.origin}${WEBHOOK_RECEIVER_PATH}` };
    const options = { db: db(), upstream, origin: app.origin, setup, timeoutMs: 5000 };
    const outcomes = await Promise.all([ensureWebhookRegistration(options), ensureWebhookRegistration(options)]);
    expect(outcomes.sort()).toEqual(['kept', 'registered']);
    expect(await db().select().from(webhookRegistration)).toHaveLength(1);
  });

  it('the secret never reaches a browser: webhook endpoints are not proxied, for any role', async () => {
    await forgetWebhookRegistration(db());
    const url = `${app.origin}${WEBHOOK_RECEIVER_PATH}`;
    await ensureWebhookRegistration({
      db: db(),
      upstream: app.upstream,
      origin: app.origin,
      setup: { kind: 'register', url },
      timeoutMs: 5000,
    });
    const [row] = await db().select().from(webhookRegistration);
    const owner = api(app.origin, await person(app.origin, 'owner@sandbox.test'));
    const attempts = [
      await owner.call('POST', `/api/v1/webhook_endpoints/${row!.endpointId}/rotate_secret`),
      await owner.call('POST', '/api/v1/webhook_endpoints', { url: 'https://evil.example/hook', events: ['*'] }),
      await owner.call('GET', `/api/v1/webhook_endpoints/${row!.endpointId}`),
      await owner.call('DELETE', `/api/v1/webhook_endpoints/${row!.endpointId}`),
      await owner.call('POST', `/api/v1//webhook_endpoints/${row!.endpointId}/rotate_secret`),
      await owner.call('POST', `/api/v1/Webhook_Endpoints/${row!.endpointId}/rotate_secret`),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(JSON.stringify(attempt.body)).not.toContain('whsec_');
    }
    // Nothing was rotated: the stored secret still matches the API's preview.
    const read = await direct(app.origin, 'GET', `/v1/webhook_endpoints/${row!.endpointId}`);
    expect((read.body as { secret_preview: string }).secret_preview.slice(-4)).toBe(row!.secret.slice(-4));
  });
});
