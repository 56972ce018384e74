/**
 * /api/health is liveness (answers at once, touches nothing); /api/ready asks the upstream and is
 * 503 when the upstream is a blackhole, refuses the key, or is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { DEFAULT_TIMEOUTS } from '../../server/limits';
import { upstreamFromEnv } from '../../server/upstream';
import { startTeamConsole } from './team-helpers';
import { blackhole, fakeHost, rawRequest, serveApp, within, type Blackhole, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_ready_test';
const SHORT = { ...DEFAULT_TIMEOUTS, readyMs: 300 };
let hole: Blackhole;
let refusing: FakeHost;
const servers: Served[] = [];

const consoleFor = async (base: string | undefined) => {
  const upstream = upstreamFromEnv(base ? { AUROUS_API_BASE: base, AUROUS_API_KEY: API_KEY } : {});
  const served = await serveApp(createConsoleApp({ upstream, timeouts: SHORT }));
  servers.push(served);
  return served;
};
const get = (served: Served, path: string) => within(5_000, rawRequest({ port: served.port, path }));
type Ready = { ok: boolean; checks: { upstream: { ok: boolean; kind: string; detail?: string } } };

beforeAll(async () => {
  hole = await blackhole();
  refusing = await fakeHost();
  refusing.respond = (_request, response) =>
    response
      .writeHead(401, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: { type: 'authentication', code: 'invalid_api_key', message: 'No.', param: null } }));
});
afterAll(async () => {
  for (const served of servers) await served.close();
  await hole.close();
  await refusing.close();
});

describe('readiness', () => {
  it('with a blackhole upstream: /api/health is 200 at once, /api/ready is 503 naming the timeout', async () => {
    const served = await consoleFor(hole.origin);
    expect((await get(served, '/api/health')).status).toBe(200);
    const ready = await get(served, '/api/ready');
    expect(ready.status).toBe(503);
    const body = JSON.parse(ready.text) as Ready;
    expect(body.ok).toBe(false);
    expect(body.checks.upstream).toMatchObject({ ok: false, kind: 'aurous', detail: 'no answer within 300 ms' });
  });

  it('an upstream that refuses the key is not ready either', async () => {
    const served = await consoleFor(refusing.origin);
    const ready = await get(served, '/api/ready');
    expect(ready.status).toBe(503);
    expect((JSON.parse(ready.text) as Ready).checks.upstream.detail).toMatch(/refused the key/);
    expect(refusing.requests[0]?.url).toBe('/v1/balance');
  });

  it('an upstream that answers is ready; many probes at once make one upstream call', async () => {
    const api = await fakeHost();
    try {
      const served = await consoleFor(api.origin);
      const answers = await Promise.all(Array.from({ length: 10 }, () => get(served, '/api/ready')));
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
      expect((JSON.parse(answers[0]!.text) as Ready).checks.upstream).toMatchObject({ ok: true, kind: 'aurous' });
      expect(api.requests).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('the embedded sandbox is ready', async () => {
    const served = await consoleFor(undefined);
    const ready = await get(served, '/api/ready');
    expect(ready.status).toBe(200);
    expect((JSON.parse(ready.text) as Ready).checks.upstream).toMatchObject({ ok: true, kind: 'sandbox' });
  });

  it('with people, the database is checked too: ready while it answers, 503 naming it once it is gone', async () => {
    const team = await startTeamConsole();
    try {
      const ready = await get(team, '/api/ready');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.text)).toMatchObject({ ok: true, checks: { database: { ok: true } } });

      // A second copy on the same (now closed) database: its first probe finds it gone.
      await team.started.database.close();
      const copy = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), team: team.started.team, timeouts: SHORT }));
      servers.push(copy);
      const down = await get(copy, '/api/ready');
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text)).toMatchObject({ ok: false, checks: { upstream: { ok: true }, database: { ok: false } } });
      expect(JSON.parse(down.text).checks.database.detail).toMatch(/database/);
    } finally {
      await team.stop().catch(() => undefined);
    }
  });
});
