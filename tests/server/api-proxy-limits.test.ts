/**
 * JSON bodies to /api/* stop at 1 MB (declared lengths up front, chunked bodies as they pass the
 * limit), unknown console routes are 404, and nothing the API sends back carries the key.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { MAX_JSON_BODY_BYTES } from '../../server/limits';
import { upstreamFromEnv } from '../../server/upstream';
import { fakeHost, rawRequest, serveApp, within, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_proxy_limits_test';
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

const post = (chunks: Buffer[], headers: Record<string, string>, end = true) =>
  within(
    3_000,
    rawRequest({
      port: consoleServer.port,
      method: 'POST',
      path: '/api/v1/characters',
      headers: { 'Content-Type': 'application/json', ...headers },
      chunks,
      end,
    }),
  );

describe('JSON body limit', () => {
  it('forwards a body of exactly 1 MB', async () => {
    const answer = await post([Buffer.alloc(MAX_JSON_BODY_BYTES, 0x20)], { 'Content-Length': String(MAX_JSON_BODY_BYTES) });
    expect(answer.status).toBe(200);
    expect(api.requests[0]?.bytes).toBe(MAX_JSON_BODY_BYTES);
  });

  it('refuses a declared Content-Length over 1 MB before reading the body, without calling the API', async () => {
    const answer = await post([], { 'Content-Length': String(MAX_JSON_BODY_BYTES + 1) }, false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'body_too_large' } });
    expect(api.requests).toHaveLength(0);
  });

  it('stops reading a chunked body once it passes 1 MB, without waiting for its end', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const answer = await post(
      Array.from({ length: 5 }, () => chunk),
      { 'Transfer-Encoding': 'chunked' },
      false,
    );
    expect(answer.status).toBe(413);
    expect(api.requests).toHaveLength(0);
  });
});

describe('console routes', () => {
  it.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/api/v2/characters'],
    ['POST', '/api/admin'],
    ['GET', '/api/uploads/whatever'],
    ['DELETE', '/api/health'],
  ])('%s %s is a 404 in the API envelope, and never reaches the API', async (method, path) => {
    const answer = await within(3_000, rawRequest({ port: consoleServer.port, method, path }));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { type: 'not_found' } });
    expect(api.requests).toHaveLength(0);
  });
});

describe('the API key', () => {
  it('is sent to the API, and not passed back when the API echoes it in an error’s headers', async () => {
    api.respond = (request, response) => {
      response
        .writeHead(500, {
          'Content-Type': 'application/json',
          'X-Api-Key': String(request.headers['x-api-key']),
          'X-Debug-Auth': `key=${String(request.headers['x-api-key'])}`,
          'Aurous-Request-Id': 'req_1',
        })
        .end(JSON.stringify({ error: { type: 'server_error', code: 'internal', message: 'boom' } }));
    };
    const answer = await within(3_000, rawRequest({ port: consoleServer.port, path: '/api/v1/balance' }));
    expect(api.requests[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(answer.status).toBe(500);
    expect(answer.headers['aurous-request-id']).toBe('req_1');
    expect(answer.text + JSON.stringify(answer.headers)).not.toContain(API_KEY);
  });

  it('is not in the console’s own error answers (API unreachable)', async () => {
    const unreachable = await serveApp(
      createConsoleApp({ upstream: upstreamFromEnv({ AUROUS_API_BASE: 'http://127.0.0.1:1', AUROUS_API_KEY: API_KEY }) }),
    );
    try {
      const answer = await within(5_000, rawRequest({ port: unreachable.port, path: '/api/v1/balance' }));
      expect(answer.status).toBe(502);
      expect(answer.text + JSON.stringify(answer.headers)).not.toContain(API_KEY);
    } finally {
      await unreachable.close();
    }
  });
});
