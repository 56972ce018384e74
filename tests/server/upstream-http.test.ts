/**
 * API calls go over node:http (server/upstream-http.ts) instead of fetch: what reaches the browser
 * must be what fetch gave — compressed answers decoded, the key on the call, a body of the right
 * length — and an answer that only unpacks past the console's limit is refused, not buffered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { createConsoleApp } from '../../server/app';
import { MAX_UPSTREAM_ANSWER_BYTES, upstreamFromEnv } from '../../server/upstream';
import { fakeHost, serveApp, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_upstream_http_test';
let api: FakeHost;
let consoleServer: Served;

beforeAll(async () => {
  api = await fakeHost();
  consoleServer = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({ AUROUS_API_BASE: api.origin, AUROUS_API_KEY: API_KEY }) }));
});
afterAll(async () => {
  await consoleServer.close();
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  api.respond = null;
});

const balance = { object: 'balance', available_credits: 1000 };

describe('API calls over node:http', () => {
  it('carry the key and the caller’s JSON body, with its length', async () => {
    const body = JSON.stringify({ name: 'Mira', upload_ids: ['up_1'] });
    const answer = await fetch(`${consoleServer.origin}/api/v1/characters`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(answer.status).toBe(200);
    const seen = api.requests[0]!;
    expect(seen.headers['x-api-key']).toBe(API_KEY);
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen.bytes).toBe(Buffer.byteLength(body));
  });

  for (const [encoding, pack] of [
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
  ] as const) {
    it(`pass on a ${encoding} answer decoded, with the API's headers the console keeps`, async () => {
      api.respond = (_request, response) =>
        response
          .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Aurous-Request-Id': 'req_42' })
          .end(pack(Buffer.from(JSON.stringify(balance))));
      const answer = await fetch(`${consoleServer.origin}/api/v1/balance`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-encoding')).toBeNull();
      expect(answer.headers.get('aurous-request-id')).toBe('req_42');
      expect(await answer.json()).toEqual(balance);
    });
  }

  it('refuse an answer that unpacks past the limit (a small gzip of a huge body)', async () => {
    // Valid JSON: read in full, it would be passed on.
    const huge = gzipSync(Buffer.from(JSON.stringify({ ...balance, padding: 'a'.repeat(MAX_UPSTREAM_ANSWER_BYTES) })));
    expect(huge.byteLength).toBeLessThan(64 * 1024);
    api.respond = (_request, response) =>
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(huge);
    const answer = await fetch(`${consoleServer.origin}/api/v1/balance`);
    expect(answer.status).toBe(502);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('upstream_invalid');
  });

  it('answer 502 upstream_unreachable when the API closes the connection without answering', async () => {
    api.respond = (_request, response) => response.socket?.destroy();
    const answer = await fetch(`${consoleServer.origin}/api/v1/balance`);
    expect(answer.status).toBe(502);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('upstream_unreachable');
  });
});
