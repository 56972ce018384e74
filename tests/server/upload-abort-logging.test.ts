/**
 * A browser cancelling uploads is ordinary: 20 aborts mid-body log nothing (they used to log a
 * stack trace each, 13,000 lines in one test), in sandbox mode and with a real storage host, and
 * the relay keeps no socket open for them.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { deriveTicketSecret, signTicket } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';
import { captureConsole, fakeHost, serveApp, until, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_abort_logging_test';
const ABORTS = 20;
let storage: FakeHost;
let realApi: Served;
let sandbox: Served;

beforeAll(async () => {
  storage = await fakeHost();
  realApi = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: storage.origin, AUROUS_API_KEY: API_KEY }),
      uploadOrigins: [storage.origin],
    }),
  );
  sandbox = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}) }));
});
afterAll(async () => {
  await realApi.close();
  await sandbox.close();
  await storage.close();
});

/** Sends part of a body, then drops the connection, as a browser does when an upload is cancelled. */
function abortMidBody(server: Served, path: string): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'PUT',
      path,
      headers: { 'Content-Type': 'image/png', 'Content-Length': '200000' },
    });
    request.on('error', () => undefined);
    request.on('close', () => resolve());
    request.write(Buffer.alloc(4096, 3), () => setTimeout(() => request.destroy(), 20));
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('browser aborts', () => {
  it(`${ABORTS} aborted uploads through the embedded sandbox log nothing`, async () => {
    const init = (await fetch(`${sandbox.origin}/api/v1/characters/uploads/init`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', extension: 'png', content_type: 'image/png' }),
    }).then((response) => response.json())) as { upload_url: string };
    const path = new URL(init.upload_url, sandbox.origin).pathname;
    const lines = await captureConsole(async () => {
      for (let i = 0; i < ABORTS; i += 1) await abortMidBody(sandbox, path);
      await settle();
    });
    expect(lines).toEqual([]);
  });

  it(`${ABORTS} aborted uploads to a real storage host log nothing and leave no storage socket open`, async () => {
    const ticket = signTicket(deriveTicketSecret(undefined, API_KEY), `${storage.origin}/upload/upl_1?signature=s`, Date.now() + 60_000);
    const lines = await captureConsole(async () => {
      for (let i = 0; i < ABORTS; i += 1) await abortMidBody(realApi, `/api/uploads/${ticket}`);
      await until(() => storage.openConnections() === 0);
      await settle();
    });
    expect(lines).toEqual([]);
    expect(storage.requests.length).toBeGreaterThan(0);
  });
});
