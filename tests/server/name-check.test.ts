/** The console server refuses a name the contract refuses before the API sees it (a real API may be laxer). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { upstreamFromEnv } from '../../server/upstream';
import { fakeHost, rawRequest, serveApp, within, type FakeHost, type Served } from './http-helpers';

let api: FakeHost;
let consoleServer: Served;
beforeAll(async () => {
  api = await fakeHost();
  consoleServer = await serveApp(
    createConsoleApp({ upstream: upstreamFromEnv({ AUROUS_API_BASE: api.origin, AUROUS_API_KEY: 'al_live_names' }) }),
  );
});
afterAll(async () => {
  await consoleServer.close();
  await api.close();
});

const send = (method: string, path: string, body: string) =>
  within(
    3_000,
    rawRequest({ port: consoleServer.port, method, path, headers: { 'Content-Type': 'application/json' }, chunks: [Buffer.from(body)] }),
  );

it('create and rename with a bidi override are 400 param name, never forwarded; other bodies pass', async () => {
  for (const [method, path] of [
    ['POST', '/api/v1/characters'],
    ['PATCH', '/api/v1/characters/char_1'],
  ] as const) {
    const answer = await send(method, path, JSON.stringify({ name: 'Ann\u202Egnp', upload_ids: ['upl_1'] }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'invalid_format', param: 'name' } });
    expect((JSON.parse(answer.text) as { error: { message: string } }).error.message).toContain('(U+202E) at position 4');
  }
  expect(api.requests).toHaveLength(0);
  expect((await send('POST', '/api/v1/characters', JSON.stringify({ name: 'Ann', upload_ids: ['upl_1'] }))).status).toBe(200);
  expect(api.requests).toHaveLength(1);
});
