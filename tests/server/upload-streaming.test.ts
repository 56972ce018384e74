/**
 * The upload relay pipes bytes: storage sees the first chunk before the browser has sent the
 * last. A relay that buffered the body would never let the first chunk through, and this test
 * would time out.
 */
import { serve, type ServerType } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { deriveTicketSecret, signTicket } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';

const API_KEY = 'al_live_streaming_test';
let storage: http.Server;
let consoleServer: ServerType;
let storagePort = 0;
let consolePort = 0;
const received: { firstChunkAt: number | null; bytes: number; contentLength: string | undefined; apiKey: string | undefined } = {
  firstChunkAt: null,
  bytes: 0,
  contentLength: undefined,
  apiKey: undefined,
};
let onFirstChunk: () => void = () => {};

beforeAll(async () => {
  storage = http.createServer((request, response) => {
    received.contentLength = request.headers['content-length'];
    received.apiKey = request.headers['x-api-key'] as string | undefined;
    request.on('data', (chunk: Buffer) => {
      if (received.firstChunkAt === null) {
        received.firstChunkAt = Date.now();
        onFirstChunk();
      }
      received.bytes += chunk.length;
    });
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
  storagePort = (storage.address() as AddressInfo).port;
  const app = createConsoleApp({
    upstream: upstreamFromEnv({ AUROUS_API_BASE: `http://127.0.0.1:${storagePort}`, AUROUS_API_KEY: API_KEY }),
    // Storage on loopback must be listed to be relayed to.
    uploadOrigins: [`http://127.0.0.1:${storagePort}`],
  });
  await new Promise<void>((resolve) => {
    consoleServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  consolePort = (consoleServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => consoleServer.close(() => resolve()));
  await new Promise<void>((resolve) => storage.close(() => resolve()));
});

it('streams the PUT body to storage chunk by chunk, with its length and without the API key', async () => {
  const ticket = signTicket(
    deriveTicketSecret(undefined, API_KEY),
    `http://127.0.0.1:${storagePort}/upload/upl_1?signature=s`,
    Date.now() + 60_000,
  );
  const chunk = Buffer.alloc(256 * 1024, 7);
  const total = chunk.length * 2;
  const firstChunkArrived = new Promise<void>((resolve) => {
    onFirstChunk = resolve;
  });

  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: consolePort,
        method: 'PUT',
        path: `/api/uploads/${ticket}`,
        headers: { 'Content-Type': 'image/png', 'Content-Length': String(total) },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.write(chunk);
    // The second half is only sent once storage has seen the first: buffering would deadlock here.
    void firstChunkArrived.then(() => request.end(chunk));
  });

  expect(status).toBe(200);
  expect(received.bytes).toBe(total);
  expect(received.contentLength).toBe(String(total));
  expect(received.apiKey).toBeUndefined();
});
