/**
 * Slow clients cannot take the server away from everyone else: uploads in flight are capped per
 * client address (429) and in total (503), with Retry-After and the envelope, while /api/health
 * keeps answering; a JSON body that dribbles in is cut off (408); headers that dribble in are
 * dropped by the Node server's headersTimeout.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { DEFAULT_TIMEOUTS, httpServerLimitsFromEnv, nodeServerOptions, uploadCapsFromEnv } from '../../server/limits';
import { deriveTicketSecret, signTicket } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';
import { fakeHost, rawRequest, serveApp, until, within, type FakeHost, type RawResponse, type Served } from './http-helpers';

const API_KEY = 'al_live_slow_clients_test';
const secret = deriveTicketSecret(undefined, API_KEY);

let storage: FakeHost;
let consoleServer: Served;
const open: http.ClientRequest[] = [];

beforeAll(async () => {
  storage = await fakeHost();
  consoleServer = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: storage.origin, AUROUS_API_KEY: API_KEY }),
      uploadOrigins: [storage.origin],
      uploadCaps: { perClient: 2, total: 3 },
      timeouts: { ...DEFAULT_TIMEOUTS, bodyMs: 300 },
    }),
  );
});
afterAll(async () => {
  for (const request of open) request.destroy();
  await consoleServer.close();
  await storage.close();
});
beforeEach(() => {
  storage.requests.length = 0;
});

/**
 * An upload from `localAddress` (loopback has all of 127/8) that sends one byte and holds.
 * Resolves with the answer if one comes before the body ends (a refusal); stays open otherwise.
 */
function slowUpload(localAddress: string): { answered: Promise<RawResponse> } {
  const ticket = signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, Date.now() + 60_000);
  const answered = new Promise<RawResponse>((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: consoleServer.port,
        localAddress,
        method: 'PUT',
        path: `/api/uploads/${ticket}`,
        headers: { 'Content-Type': 'image/png', 'Content-Length': '1000000' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', () => undefined);
    request.write(Buffer.alloc(1, 1));
    open.push(request);
  });
  return { answered };
}

const code = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

describe('concurrent upload caps', () => {
  it('refuses the client over its cap with 429 and everyone over the total with 503, while /api/health answers', async () => {
    slowUpload('127.0.0.1');
    slowUpload('127.0.0.1');
    await until(() => storage.requests.length === 2);

    const perClient = await within(3_000, slowUpload('127.0.0.1').answered);
    expect(perClient.status).toBe(429);
    expect(perClient.headers['retry-after']).toBe('5');
    expect(code(perClient.text)).toBe('too_many_uploads');

    slowUpload('127.0.0.2');
    await until(() => storage.requests.length === 3);
    const total = await within(3_000, slowUpload('127.0.0.3').answered);
    expect(total.status).toBe(503);
    expect(total.headers['retry-after']).toBe('5');
    expect(code(total.text)).toBe('uploads_busy');

    const health = await within(3_000, rawRequest({ port: consoleServer.port, path: '/api/health' }));
    expect(health.status).toBe(200);

    // Slots come back when the uploads end (here: the clients leave, which the relay sees at once).
    for (const request of open.splice(0)) request.destroy();
    const ticket = signTicket(secret, `${storage.origin}/upload/upl_2?signature=s`, Date.now() + 60_000);
    const upload = () =>
      within(
        3_000,
        rawRequest({
          port: consoleServer.port,
          method: 'PUT',
          path: `/api/uploads/${ticket}`,
          headers: { 'Content-Type': 'image/png' },
          chunks: [Buffer.alloc(8, 1)],
        }),
      );
    let after = await upload();
    for (let attempt = 0; attempt < 50 && after.status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await upload();
    }
    expect(after.status).toBe(200);
  });

  it('reads the caps from the environment', () => {
    expect(uploadCapsFromEnv({})).toEqual({ perClient: 6, total: 64 });
    expect(uploadCapsFromEnv({ CONSOLE_MAX_UPLOADS_PER_CLIENT: '3', CONSOLE_MAX_UPLOADS: '500' })).toEqual({ perClient: 3, total: 500 });
    expect(() => uploadCapsFromEnv({ CONSOLE_MAX_UPLOADS: '0' })).toThrow(/CONSOLE_MAX_UPLOADS/);
  });
});

describe('slow request bodies and headers', () => {
  it('a JSON body that does not arrive within CONSOLE_BODY_TIMEOUT_MS is 408 in the envelope, without calling the API', async () => {
    const answer = await within(
      3_000,
      rawRequest({
        port: consoleServer.port,
        method: 'POST',
        path: '/api/v1/characters',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
        chunks: [Buffer.from('{"na')],
        end: false,
      }),
    );
    expect(answer.status).toBe(408);
    expect(code(answer.text)).toBe('request_timeout');
    expect(storage.requests).toHaveLength(0);
  });

  it('headers that dribble in are dropped by headersTimeout', async () => {
    const limits = httpServerLimitsFromEnv({ CONSOLE_HEADERS_TIMEOUT_MS: '500', CONSOLE_REQUEST_TIMEOUT_MS: '1000' });
    const served = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}) }), nodeServerOptions(limits));
    try {
      const closed = await within(
        5_000,
        new Promise<string>((resolve) => {
          const socket = net.connect(served.port, '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n'));
          let text = '';
          socket.on('data', (chunk) => {
            text += chunk.toString();
          });
          socket.on('error', () => undefined);
          socket.on('close', () => resolve(text));
        }),
      );
      // Node answers 408 and closes; the request never reached the app.
      expect(closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await served.close();
    }
  });

  it('reads the server limits from the environment, with defaults', () => {
    expect(httpServerLimitsFromEnv({})).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 900_000, keepAliveTimeoutMs: 5_000 });
    expect(httpServerLimitsFromEnv({ CONSOLE_REQUEST_TIMEOUT_MS: '0' }).requestTimeoutMs).toBe(0);
    expect(() => httpServerLimitsFromEnv({ CONSOLE_HEADERS_TIMEOUT_MS: '20000', CONSOLE_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HEADERS/);
  });
});
