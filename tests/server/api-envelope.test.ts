/**
 * Every /api answer is the JSON envelope, whatever the upstream sent: a 200 that is not JSON and
 * an init without an upload_url are 502 upstream_invalid (logged as one line, no stack), an HTML
 * error page keeps its status, and methods the API does not have are 405 here, never forwarded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { upstreamFromEnv } from '../../server/upstream';
import { captureConsole, fakeHost, rawRequest, serveApp, within, type FakeHost, type RawResponse, type Served } from './http-helpers';

const API_KEY = 'al_live_envelope_test';
let api: FakeHost;
let consoleServer: Served;
let sandboxConsole: Served;

beforeAll(async () => {
  api = await fakeHost();
  consoleServer = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({ AUROUS_API_BASE: api.origin, AUROUS_API_KEY: API_KEY }) }));
  sandboxConsole = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}) }));
});
afterAll(async () => {
  await consoleServer.close();
  await sandboxConsole.close();
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  api.respond = null;
});

const call = (method: string, path: string, body?: string, server = consoleServer) =>
  within(
    5_000,
    rawRequest({
      port: server.port,
      method,
      path,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      chunks: body === undefined ? [] : [Buffer.from(body)],
    }),
  );
function expectEnvelope(answer: RawResponse, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect((JSON.parse(answer.text) as { error: { code: string } }).error.code).toBe(code);
}

describe('unexpected upstream answers', () => {
  it('a 200 that is not JSON is 502 upstream_invalid, logged as one line without a stack', async () => {
    api.respond = (_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>maintenance</html>');
    let answer: RawResponse | undefined;
    const lines = await captureConsole(async () => {
      answer = await call('GET', '/api/v1/characters');
    });
    expectEnvelope(answer!, 502, 'upstream_invalid');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('upstream_invalid');
    expect(lines[0]).not.toMatch(/\n\s+at /);
  });

  it('a 200 that is JSON but not an object (an array, a bare string) is 502 upstream_invalid too', async () => {
    for (const text of ['[1,2]', '"ok"', '{"trunc']) {
      api.respond = (_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(text);
      const lines = await captureConsole(async () => {
        expectEnvelope(await call('GET', '/api/v1/balance'), 502, 'upstream_invalid');
      });
      expect(lines).toHaveLength(1);
    }
  });

  it('an upload init without an upload_url mints no ticket: 502 upstream_invalid', async () => {
    for (const init of [
      { upload_id: 'upl_1', upload_headers: {}, expires_at: new Date().toISOString() },
      { upload_id: 'upl_1', upload_url: 'javascript:alert(1)', upload_headers: {}, expires_at: new Date().toISOString() },
    ]) {
      api.respond = (_request, response) => response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(init));
      await captureConsole(async () => {
        const answer = await call(
          'POST',
          '/api/v1/characters/uploads/init',
          '{"filename":"a.png","extension":"png","content_type":"image/png"}',
        );
        expectEnvelope(answer, 502, 'upstream_invalid');
        expect(answer.text).not.toContain('/api/uploads/');
      });
    }
  });

  it('an error page without the envelope keeps its status and Retry-After, in the envelope', async () => {
    api.respond = (_request, response) => response.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '7' }).end('<h1>503</h1>');
    await captureConsole(async () => {
      const answer = await call('GET', '/api/v1/characters');
      expectEnvelope(answer, 503, 'upstream_invalid');
      expect(answer.headers['retry-after']).toBe('7');
    });
  });

  it('the API’s own envelope and JSON successes pass through unchanged', async () => {
    const envelope = {
      error: {
        type: 'not_found',
        code: 'resource_not_found',
        message: 'No such character.',
        param: 'character_id',
        doc_url: null,
        request_id: 'req_1',
      },
    };
    api.respond = (_request, response) => response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify(envelope));
    const missing = await call('GET', '/api/v1/characters/char_x');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual(envelope);
    api.respond = null;
    const ok = await call('GET', '/api/v1/balance');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('{}');
  });
});

describe('methods the API does not have', () => {
  it('TRACE, OPTIONS, PUT and CONNECT-like methods are 405 in the envelope with Allow, and never reach the API', async () => {
    for (const method of ['TRACE', 'OPTIONS', 'PUT', 'PROPFIND']) {
      const answer = await call(method, '/api/v1/characters');
      expectEnvelope(answer, 405, 'method_not_allowed');
      expect(answer.headers.allow).toBe('GET, HEAD, POST, PATCH, DELETE');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(api.requests).toHaveLength(0);
  });

  it('OPTIONS does not spend the sandbox’s rate-limit tokens', async () => {
    const remaining = async () =>
      Number((await call('GET', '/api/v1/balance', undefined, sandboxConsole)).headers['x-ratelimit-remaining']);
    const before = await remaining();
    for (let i = 0; i < 5; i += 1)
      expectEnvelope(await call('OPTIONS', '/api/v1/balance', undefined, sandboxConsole), 405, 'method_not_allowed');
    const after = await remaining();
    expect(Number.isFinite(before)).toBe(true);
    // Only the second GET itself was counted (tokens refill slowly; never 5 more gone).
    expect(before - after).toBeLessThanOrEqual(1);
  });
});
