/**
 * With a real API, the relay never PUTs into the console server's own network: a ticket (forged
 * with the key, or really signed) naming a loopback, private, link-local, metadata, CGNAT or
 * unspecified address is refused unless AUROUS_UPLOAD_ORIGINS lists it; the host is resolved once
 * and the connection goes to the address that was checked. CONSOLE_TICKET_SECRET makes the key
 * alone not enough to mint tickets, and lets copies share one secret.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isNonPublicAddress, pinPublicAddress, type Resolver } from '../../server/address-guard';
import { createConsoleApp } from '../../server/app';
import { DEFAULT_TIMEOUTS } from '../../server/limits';
import { nodePut } from '../../server/node-put';
import { deriveTicketSecret, signTicket, ticketSecretFromEnv } from '../../server/upload-ticket';
import { upstreamFromEnv } from '../../server/upstream';
import { captureConsole, fakeHost, rawRequest, serveApp, within, type FakeHost, type Served } from './http-helpers';

const API_KEY = 'al_live_ssrf_test';
const keySecret = deriveTicketSecret(undefined, API_KEY);
const inAMinute = () => Date.now() + 60_000;

let internal: FakeHost;
const servers: Served[] = [];
const lookups: string[] = [];
/** DNS for the tests: names → addresses, each lookup recorded. */
const names: Record<string, string[]> = {};
const resolveHost: Resolver = async (hostname) => {
  lookups.push(hostname);
  const answers = names[hostname];
  if (!answers) throw new Error(`ENOTFOUND ${hostname}`);
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

async function relay(options: { uploadOrigins?: string[]; ticketSecret?: string; apiKey?: string } = {}) {
  const served = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: 'https://api.aurous.invalid', AUROUS_API_KEY: options.apiKey ?? API_KEY }),
      uploadOrigins: options.uploadOrigins ?? [],
      ...(options.ticketSecret ? { ticketSecret: options.ticketSecret } : {}),
      timeouts: { ...DEFAULT_TIMEOUTS, upstreamMs: 500, uploadIdleMs: 500 },
      resolveHost,
    }),
  );
  servers.push(served);
  return served;
}
const put = (server: Served, ticket: string) =>
  within(
    5_000,
    rawRequest({
      port: server.port,
      method: 'PUT',
      path: `/api/uploads/${ticket}`,
      headers: { 'Content-Type': 'image/png' },
      chunks: [Buffer.alloc(16, 1)],
    }),
  );
const code = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;

beforeAll(async () => {
  internal = await fakeHost();
});
afterAll(async () => {
  for (const served of servers) await served.close();
  await internal.close();
});
beforeEach(() => {
  internal.requests.length = 0;
  lookups.length = 0;
});

describe('the relay’s address check (real API, AUROUS_UPLOAD_ORIGINS unset)', () => {
  it('refuses a key-forged ticket to 127.0.0.1 without connecting, and says why in one log line', async () => {
    const served = await relay();
    let answer: Awaited<ReturnType<typeof put>> | undefined;
    const lines = await captureConsole(async () => {
      answer = await put(served, signTicket(keySecret, `${internal.origin}/admin?x=1`, inAMinute()));
    });
    expect(answer?.status).toBe(403);
    expect(code(answer!.text)).toBe('upload_destination_refused');
    expect(internal.requests).toHaveLength(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('127.0.0.1');
  });

  it('refuses names and literals that resolve to loopback, private, link-local, metadata, CGNAT or unspecified addresses', async () => {
    const served = await relay();
    Object.assign(names, {
      'localhost.test': ['127.0.0.1'],
      'intranet.test': ['10.1.2.3'],
      'mixed.test': ['93.184.216.34', '192.168.1.10'],
      'v6.test': ['fd00:ec2::254'],
    });
    const targets = [
      'http://localhost.test/x',
      'http://intranet.test/x',
      'http://mixed.test/x',
      'http://v6.test/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/x',
      'http://172.16.0.1/x',
      'http://0.0.0.0:80/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[fe80::1]/x',
    ];
    await captureConsole(async () => {
      for (const url of targets) {
        const answer = await put(served, signTicket(keySecret, url, inAMinute()));
        expect({ url, status: answer.status, code: code(answer.text) }).toEqual({ url, status: 403, code: 'upload_destination_refused' });
      }
    });
  });

  it('relays to a loopback storage origin once AUROUS_UPLOAD_ORIGINS lists it', async () => {
    const served = await relay({ uploadOrigins: [internal.origin] });
    const answer = await put(served, signTicket(keySecret, `${internal.origin}/upload/upl_1?signature=s`, inAMinute()));
    expect(answer.status).toBe(200);
    expect(internal.requests).toHaveLength(1);
  });

  it('resolves the host once, and a name that does not resolve is 502, not a connection attempt', async () => {
    const served = await relay();
    const answer = await put(served, signTicket(keySecret, 'https://nowhere.test/upload', inAMinute()));
    expect(answer.status).toBe(502);
    expect(lookups).toEqual(['nowhere.test']);
  });
});

describe('pinning', () => {
  it('connects to the checked address, never resolving the name again (storage.test has no DNS entry)', async () => {
    const result = await nodePut(
      `http://storage.test:${internal.port}/upload/upl_1`,
      Readable.from([Buffer.from('bytes')]),
      { 'Content-Type': 'image/png' },
      {
        maxBytes: 1024,
        connectTimeoutMs: 2_000,
        idleTimeoutMs: 2_000,
        pinned: { address: '127.0.0.1', family: 4 },
      },
    );
    expect(result).toEqual({ kind: 'answered', status: 200 });
    expect(internal.requests[0]?.headers.host).toBe(`storage.test:${internal.port}`);
  });

  it('the address rule', async () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::',
      '::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:10.0.0.1',
      // IPv4 inside IPv6: IPv4-compatible, SIIT, NAT64 (a private IPv4 behind a NAT64 gateway), 6to4.
      '::127.0.0.1',
      '::ffff:0:7f00:1',
      '64:ff9b::a00:1',
      '64:ff9b:1::a00:1',
      '2002:7f00:1::',
    ]) {
      expect({ address, refused: isNonPublicAddress(address) }).toEqual({ address, refused: true });
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
      expect({ address, refused: isNonPublicAddress(address) }).toEqual({ address, refused: false });
    }
    expect(await pinPublicAddress('[2606:4700::1111]', resolveHost)).toEqual({
      ok: true,
      pinned: { address: '2606:4700::1111', family: 6 },
    });
  });
});

describe('CONSOLE_TICKET_SECRET', () => {
  const shared = 'a-shared-ticket-secret-of-32-chars!!';

  it('with it set, a ticket forged from the API key alone is refused', async () => {
    const served = await relay({ ticketSecret: shared, uploadOrigins: [internal.origin] });
    const forged = await put(served, signTicket(keySecret, `${internal.origin}/upload/upl_1?signature=s`, inAMinute()));
    expect(forged.status).toBe(403);
    expect(code(forged.text)).toBe('upload_ticket_invalid');
    expect(internal.requests).toHaveLength(0);
  });

  it('copies that share it accept each other’s tickets, whatever key each holds', async () => {
    const copyA = await relay({ ticketSecret: shared, uploadOrigins: [internal.origin], apiKey: 'al_live_copy_a' });
    const ticket = signTicket(deriveTicketSecret(shared, 'al_live_copy_b'), `${internal.origin}/upload/upl_1?signature=s`, inAMinute());
    expect((await put(copyA, ticket)).status).toBe(200);
  });

  it('is refused when too short to be a secret', () => {
    expect(ticketSecretFromEnv(undefined)).toBeUndefined();
    expect(ticketSecretFromEnv('  ')).toBeUndefined();
    expect(ticketSecretFromEnv(shared)).toBe(shared);
    expect(() => ticketSecretFromEnv('short')).toThrow(/CONSOLE_TICKET_SECRET must be at least 32/);
  });
});
