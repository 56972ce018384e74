/**
 * Every wait on a peer is bounded: an API that accepts and never answers is a 504 in the envelope
 * after CONSOLE_UPSTREAM_TIMEOUT_MS (not Node's 300 s), storage that never answers an upload is a
 * 504 after the idle timeout, and a browser that leaves mid-upload closes the storage socket.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { DEFAULT_TIMEOUTS, timeoutsFromEnv, type ConsoleTimeouts } from '../../server/limits';
import { deriveTicketSecret, signTicket } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';
import { blackhole, rawRequest, serveApp, until, within, type Blackhole, type Served } from './http-helpers';

const API_KEY = 'al_live_timeouts_test';
const SHORT: ConsoleTimeouts = { ...DEFAULT_TIMEOUTS, upstreamMs: 300, uploadIdleMs: 300, readyMs: 300 };
const secret = deriveTicketSecret(undefined, API_KEY);

let hole: Blackhole;
let consoleServer: Served;

beforeAll(async () => {
  hole = await blackhole();
  consoleServer = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: hole.origin, AUROUS_API_KEY: API_KEY }),
      uploadOrigins: [hole.origin],
      timeouts: SHORT,
    }),
  );
});
afterAll(async () => {
  await consoleServer.close();
  await hole.close();
});

const envelope = (text: string) => JSON.parse(text) as { error: { type: string; code: string; message: string } };
const ticket = () => signTicket(secret, `${hole.origin}/upload/upl_1?signature=s`, Date.now() + 60_000);

describe('an upstream that accepts and never answers', () => {
  it('is a 504 upstream_timeout in the envelope, and the connection that carried it is dropped', async () => {
    const answer = await within(5_000, rawRequest({ port: consoleServer.port, path: '/api/v1/characters' }));
    expect(answer.status).toBe(504);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    expect(envelope(answer.text).error).toMatchObject({ type: 'server_error', code: 'upstream_timeout' });
    await until(() => hole.carrying() === 0);
  });

  it('a POST is bounded the same way', async () => {
    const answer = await within(
      5_000,
      rawRequest({
        port: consoleServer.port,
        method: 'POST',
        path: '/api/v1/characters/uploads/init',
        headers: { 'Content-Type': 'application/json' },
        chunks: [Buffer.from('{"filename":"a.png","extension":"png","content_type":"image/png"}')],
      }),
    );
    expect(answer.status).toBe(504);
    expect(envelope(answer.text).error.code).toBe('upstream_timeout');
  });

  it('as storage: the browser gets 504 upload_storage_timeout, not 100 % forever', async () => {
    const answer = await within(
      5_000,
      rawRequest({
        port: consoleServer.port,
        method: 'PUT',
        path: `/api/uploads/${ticket()}`,
        headers: { 'Content-Type': 'image/png', 'Content-Length': '1024' },
        chunks: [Buffer.alloc(1024, 1)],
      }),
    );
    expect(answer.status).toBe(504);
    expect(envelope(answer.text).error.code).toBe('upload_storage_timeout');
    await until(() => hole.carrying() === 0);
  });
});

describe('a browser that leaves mid-upload', () => {
  /** Sends part (or all) of a body, waits until storage holds a connection, then disconnects. */
  async function leave(sendAll: boolean, server: Served, storage: Blackhole) {
    const total = 64 * 1024;
    const request = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'PUT',
      path: `/api/uploads/${signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, Date.now() + 60_000)}`,
      headers: { 'Content-Type': 'image/png', 'Content-Length': String(total) },
    });
    request.on('error', () => undefined);
    request.write(Buffer.alloc(sendAll ? total : 1024, 2));
    await until(() => storage.carrying() > 0);
    request.destroy();
  }

  it('closes the storage socket at once, before any timeout could (mid-body and while waiting for storage)', async () => {
    // Timeouts far longer than the test: only the disconnect can close the storage socket.
    const storage = await blackhole();
    const patient = await serveApp(
      createConsoleApp({
        upstream: upstreamFromEnv({ AUROUS_API_BASE: storage.origin, AUROUS_API_KEY: API_KEY }),
        uploadOrigins: [storage.origin],
        timeouts: { ...DEFAULT_TIMEOUTS, upstreamMs: 60_000, uploadIdleMs: 60_000 },
      }),
    );
    try {
      for (const sendAll of [false, true]) {
        await leave(sendAll, patient, storage);
        await until(() => storage.open() === 0);
      }
    } finally {
      await patient.close();
      await storage.close();
    }
  });
});

describe('timeouts from the environment', () => {
  it('defaults to 10 s for API calls, 30 s upload idle, and refuses nonsense', () => {
    expect(timeoutsFromEnv({})).toEqual({ upstreamMs: 10_000, uploadIdleMs: 30_000, bodyMs: 10_000, readyMs: 3_000 });
    expect(timeoutsFromEnv({ CONSOLE_UPSTREAM_TIMEOUT_MS: '2500', CONSOLE_UPLOAD_IDLE_TIMEOUT_MS: '60000' })).toMatchObject({
      upstreamMs: 2_500,
      uploadIdleMs: 60_000,
    });
    for (const bad of ['0', '-5', '1.5', '10s']) {
      expect(() => timeoutsFromEnv({ CONSOLE_UPSTREAM_TIMEOUT_MS: bad })).toThrow(/CONSOLE_UPSTREAM_TIMEOUT_MS/);
    }
  });
});
