/**
 * The upload relay is not an open proxy: only unexpired tickets we signed, only to allowed
 * upload origins, and never more bytes than the limit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { createConsoleApp } from '../../server/app';
import { DEFAULT_MAX_UPLOAD_BYTES, maxUploadBytesFromEnv, uploadOriginsFromEnv } from '../../server/limits';
import { deriveTicketSecret, signTicket } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';
import { fakeHost, rawRequest, serveApp, within, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_relay_security_test';
const LIMIT = 64 * 1024;
const secret = deriveTicketSecret(undefined, API_KEY);
const inAMinute = () => Date.now() + 60_000;

let storage: FakeHost;
let elsewhere: FakeHost;
let open: Served;
let listed: Served;
let sandbox: Served;
let defaults: Served;

beforeAll(async () => {
  storage = await fakeHost();
  elsewhere = await fakeHost();
  const upstream = upstreamFromEnv({ AUROUS_API_BASE: storage.origin, AUROUS_API_KEY: API_KEY });
  // Storage on loopback is only relayed to when AUROUS_UPLOAD_ORIGINS lists it (address checks:
  // upload-relay-ssrf.test.ts); `elsewhere`, on loopback too, stays unlisted.
  open = await serveApp(createConsoleApp({ upstream, maxUploadBytes: LIMIT, uploadOrigins: [storage.origin] }));
  listed = await serveApp(createConsoleApp({ upstream, maxUploadBytes: LIMIT, uploadOrigins: [storage.origin] }));
  sandbox = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), maxUploadBytes: LIMIT }));
  defaults = await serveApp(createConsoleApp({ upstream, uploadOrigins: [storage.origin] }));
});
afterAll(async () => {
  for (const served of [open, listed, sandbox, defaults, storage, elsewhere]) await served.close();
});
beforeEach(() => {
  storage.requests.length = 0;
  elsewhere.requests.length = 0;
});

const put = (server: Served, ticket: string, chunks: Buffer[] = [Buffer.alloc(16, 1)], headers: Record<string, string> = {}) =>
  within(
    5_000,
    rawRequest({
      port: server.port,
      method: 'PUT',
      path: `/api/uploads/${ticket}`,
      headers: { 'Content-Type': 'image/png', ...headers },
      chunks,
    }),
  );
const errorCode = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

describe('upload relay tickets', () => {
  it('relays a valid ticket to its storage URL (the baseline the refusals below differ from)', async () => {
    const answer = await put(open, signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, inAMinute()));
    expect(answer.status).toBe(200);
    expect(storage.requests).toHaveLength(1);
  });

  it('refuses a correctly signed ticket whose expiry has passed, without contacting storage', async () => {
    const answer = await put(open, signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, Date.now() - 1_000));
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('upload_url_expired');
    expect(storage.requests).toHaveLength(0);
  });

  it('refuses a ticket for another host signed with a wrong secret', async () => {
    const forged = signTicket(deriveTicketSecret(undefined, 'al_live_attacker'), `${elsewhere.origin}/steal`, inAMinute());
    const answer = await put(open, forged);
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('upload_ticket_invalid');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('with AUROUS_UPLOAD_ORIGINS set, refuses even a correctly signed ticket for an unlisted origin', async () => {
    const answer = await put(listed, signTicket(secret, `${elsewhere.origin}/upload/upl_1?signature=s`, inAMinute()));
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('upload_ticket_invalid');
    expect(elsewhere.requests).toHaveLength(0);

    const ok = await put(listed, signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, inAMinute()));
    expect(ok.status).toBe(200);
    expect(storage.requests).toHaveLength(1);
  });

  it('in sandbox mode only relays to the request’s own origin', async () => {
    const sandboxSecret = deriveTicketSecret(undefined, SANDBOX_TEAM_A_KEY);
    const answer = await put(sandbox, signTicket(sandboxSecret, `${elsewhere.origin}/storage/upl_1?signature=s`, inAMinute()));
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('upload_ticket_invalid');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a signed ticket whose URL is not http(s)', async () => {
    const answer = await put(open, signTicket(secret, 'file:///etc/passwd', inAMinute()));
    expect(answer.status).toBe(403);
    expect(errorCode(answer.text)).toBe('upload_ticket_invalid');
  });
});

describe('upload relay size limit', () => {
  const ticket = () => signTicket(secret, `${storage.origin}/upload/upl_1?signature=s`, inAMinute());

  it('refuses a declared Content-Length over the limit before the body arrives, and never contacts storage', async () => {
    const answer = await within(
      3_000,
      rawRequest({
        port: open.port,
        method: 'PUT',
        path: `/api/uploads/${ticket()}`,
        headers: { 'Content-Type': 'image/png', 'Content-Length': String(LIMIT + 1) },
        end: false,
      }),
    );
    expect(answer.status).toBe(413);
    expect(errorCode(answer.text)).toBe('file_too_large');
    expect(storage.requests).toHaveLength(0);
  });

  it('accepts a body of exactly the limit', async () => {
    const answer = await put(open, ticket(), [Buffer.alloc(LIMIT, 3)], { 'Content-Length': String(LIMIT) });
    expect(answer.status).toBe(200);
    expect(storage.requests[0]?.bytes).toBe(LIMIT);
  });

  it('cuts off a chunked body once it passes the limit', async () => {
    const chunk = Buffer.alloc(16 * 1024, 5);
    const answer = await put(
      open,
      ticket(),
      Array.from({ length: 8 }, () => chunk),
    );
    expect(answer.status).toBe(413);
    expect(errorCode(answer.text)).toBe('file_too_large');
    // Storage may have seen the bytes up to the limit, never the rest, and never a finished upload.
    expect(storage.requests.reduce((sum, request) => sum + request.bytes, 0)).toBeLessThanOrEqual(LIMIT);
  });

  it('defaults to 64 MiB exactly: 64 MiB passes, one byte more is refused', async () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(64 * 1024 * 1024);
    const over = await within(
      3_000,
      rawRequest({
        port: defaults.port,
        method: 'PUT',
        path: `/api/uploads/${ticket()}`,
        headers: { 'Content-Length': String(DEFAULT_MAX_UPLOAD_BYTES + 1) },
        end: false,
      }),
    );
    expect(over.status).toBe(413);
    const mib = Buffer.alloc(1024 * 1024, 9);
    const exact = await within(
      15_000,
      rawRequest({ port: defaults.port, method: 'PUT', path: `/api/uploads/${ticket()}`, chunks: Array.from({ length: 64 }, () => mib) }),
    );
    expect(exact.status).toBe(200);
    expect(storage.requests[0]?.bytes).toBe(DEFAULT_MAX_UPLOAD_BYTES);
  });
});

describe('relay configuration from the environment', () => {
  it('reads CONSOLE_MAX_UPLOAD_BYTES, defaulting to 64 MiB and refusing nonsense', () => {
    expect(maxUploadBytesFromEnv(undefined)).toBe(64 * 1024 * 1024);
    expect(maxUploadBytesFromEnv('')).toBe(64 * 1024 * 1024);
    expect(maxUploadBytesFromEnv('1048576')).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '10MB', 'lots']) expect(() => maxUploadBytesFromEnv(bad)).toThrow(/CONSOLE_MAX_UPLOAD_BYTES/);
  });

  it('reads AUROUS_UPLOAD_ORIGINS as a comma-separated list of origins', () => {
    expect(uploadOriginsFromEnv(undefined)).toEqual([]);
    expect(uploadOriginsFromEnv(' https://up.example , http://127.0.0.1:9000/ ')).toEqual(['https://up.example', 'http://127.0.0.1:9000']);
    expect(() => uploadOriginsFromEnv('https://up.example/path')).toThrow(/AUROUS_UPLOAD_ORIGINS/);
    expect(() => uploadOriginsFromEnv('ftp://up.example')).toThrow(/AUROUS_UPLOAD_ORIGINS/);
  });
});
