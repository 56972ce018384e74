/**
 * The console server as an attacker on the open internet meets it: an upstream redirect never
 * takes the key along, a page on another site cannot change anything (not even with a plain HTML
 * form), and a DNS-rebinding name is not answered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Balance } from '../../contract/aurous';
import { createConsoleApp } from '../../server/app';
import { embedConfigFromEnv } from '../../server/embed-config';
import { defaultPublicOrigins, publicOriginsFromEnv, trustProxyFromEnv } from '../../server/public-config';
import { upstreamFromEnv } from '../../server/upstream';
import { fakeHost, rawRequest, serveApp, within, type FakeHost, type RawResponse, type Served } from './http-helpers';

const errorCode = (answer: RawResponse) => (JSON.parse(answer.text) as { error: { code: string } }).error.code;
const json = (body: unknown) => [Buffer.from(JSON.stringify(body))];

describe('upstream redirects', () => {
  const API_KEY = 'al_live_redirect_test_key';
  let api: FakeHost;
  let elsewhere: FakeHost;
  let consoleServer: Served;

  beforeAll(async () => {
    api = await fakeHost();
    elsewhere = await fakeHost();
    consoleServer = await serveApp(
      createConsoleApp({ upstream: upstreamFromEnv({ AUROUS_API_BASE: api.origin, AUROUS_API_KEY: API_KEY }) }),
    );
  });
  afterAll(async () => {
    await consoleServer.close();
    await api.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  it.each([
    [301, 'GET', '/api/v1/balance'],
    [302, 'GET', '/api/v1/characters'],
    [303, 'POST', '/api/v1/characters'],
    [307, 'POST', '/api/v1/characters/uploads/init'],
    [308, 'DELETE', '/api/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR'],
  ])('a %i on %s %s is not followed: the other host never sees the key, the browser gets a 502 envelope', async (status, method, path) => {
    api.respond = (_request, response) => response.writeHead(status, { Location: `${elsewhere.origin}/collect` }).end();
    const body = method === 'POST' ? json({ name: 'x' }) : [];
    const answer = await within(
      3_000,
      rawRequest({
        port: consoleServer.port,
        method,
        path,
        headers: body.length ? { 'Content-Type': 'application/json' } : {},
        chunks: body,
      }),
    );
    expect(api.requests[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(elsewhere.requests).toHaveLength(0);
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/json/);
    expect(errorCode(answer)).toBe('upstream_redirect');
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).not.toContain(API_KEY);
    expect(answer.text).not.toContain(elsewhere.origin);
  });
});

describe('cross-site writes', () => {
  const PARTNER = 'http://partner.example';
  let consoleServer: Served;
  let own: string;

  beforeAll(async () => {
    const embed = embedConfigFromEnv({ CONSOLE_EMBED_SECRET: 'edge-test-embed-secret-0123', CONSOLE_EMBED_ORIGINS: PARTNER });
    consoleServer = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), embed }));
    own = consoleServer.origin;
  });
  afterAll(() => consoleServer.close());
  beforeEach(async () => {
    await rawRequest({ port: consoleServer.port, method: 'POST', path: '/_sandbox/reset' });
  });

  const send = (method: string, path: string, headers: Record<string, string>, chunks: Buffer[] = []) =>
    within(3_000, rawRequest({ port: consoleServer.port, method, path, headers, chunks }));
  const balance = async () => JSON.parse((await send('GET', '/api/v1/balance', {})).text) as Balance;
  const characterCount = async () => (JSON.parse((await send('GET', '/api/v1/characters', {})).text) as { data: unknown[] }).data.length;
  const initBody = json({ filename: 'front.png', extension: 'png', content_type: 'image/png' });

  it('a plain HTML form from another site (text/plain, Origin: evil) creates nothing and holds no credits', async () => {
    const before = { credits: await balance(), characters: await characterCount() };
    const answer = await send(
      'POST',
      '/api/v1/characters',
      { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      json({ name: 'Forged', upload_ids: ['upl_x'] }),
    );
    expect(answer.status).toBe(403);
    expect(errorCode(answer)).toBe('cross_site_request');
    expect(await balance()).toEqual(before.credits);
    expect(await characterCount()).toBe(before.characters);
  });

  it.each([
    ['POST', '/api/v1/characters/uploads/init', { 'Content-Type': 'application/json' }],
    ['PATCH', '/api/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR', { 'Content-Type': 'application/json' }],
    ['DELETE', '/api/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR', {}],
    ['PUT', '/api/uploads/anything', { 'Content-Type': 'image/png' }],
    ['POST', '/api/embed/sessions', { 'Content-Type': 'application/json' }],
    ['POST', '/_sandbox/reset', {}],
    ['POST', '/_sandbox/credits', { 'Content-Type': 'application/json' }],
  ])('%s %s from another origin is refused with a 403 envelope', async (method, path, headers) => {
    const answer = await send(method, path, { Origin: 'https://evil.example', ...headers }, method === 'DELETE' ? [] : json({}));
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toMatch(/json/);
    expect(errorCode(answer)).toBe('cross_site_request');
  });

  it('refuses an opaque origin (Origin: null: a sandboxed frame, a data: URL)', async () => {
    const answer = await send('POST', '/api/v1/characters/uploads/init', { Origin: 'null', 'Content-Type': 'application/json' }, initBody);
    expect(answer.status).toBe(403);
  });

  it.each(['cross-site', 'same-site'])('without Origin, Sec-Fetch-Site: %s is refused', async (site) => {
    const answer = await send(
      'POST',
      '/_sandbox/credits',
      { 'Sec-Fetch-Site': site, 'Content-Type': 'application/json' },
      json({ team: 'a', credits: 1 }),
    );
    expect(answer.status).toBe(403);
    expect(errorCode(answer)).toBe('cross_site_request');
    expect(await balance()).toMatchObject({ available_credits: 1000 });
  });

  it.each(['same-origin', 'none'])('without Origin, Sec-Fetch-Site: %s passes', async (site) => {
    const answer = await send(
      'POST',
      '/api/v1/characters/uploads/init',
      { 'Sec-Fetch-Site': site, 'Content-Type': 'application/json' },
      initBody,
    );
    expect(answer.status).toBe(200);
  });

  it('the console itself, an embed partner and a server-to-server caller (no Origin) may write', async () => {
    const senders: Record<string, string>[] = [{ Origin: own }, { Origin: PARTNER }, {}];
    for (const headers of senders) {
      const answer = await send('POST', '/api/v1/characters/uploads/init', { ...headers, 'Content-Type': 'application/json' }, initBody);
      expect(answer.status).toBe(200);
    }
  });

  it('a form from another site gets 403 even when it targets a GET-only route with POST', async () => {
    const answer = await send('POST', '/', { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, [
      Buffer.from('a=1'),
    ]);
    expect(answer.status).toBe(403);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp'])(
    'a JSON route refuses Content-Type %s with 415, even from the console origin',
    async (contentType) => {
      const answer = await send('POST', '/api/v1/characters/uploads/init', { Origin: own, 'Content-Type': contentType }, initBody);
      expect(answer.status).toBe(415);
      expect(errorCode(answer)).toBe('unsupported_media_type');
    },
  );

  it('a JSON route refuses a body with no Content-Type, but takes a body-less POST and JSON with a charset', async () => {
    expect((await send('POST', '/_sandbox/credits', { Origin: own }, json({ team: 'a', credits: 3 }))).status).toBe(415);
    expect((await send('POST', '/_sandbox/reset', { Origin: own })).status).toBe(200);
    const charset = await send(
      'POST',
      '/_sandbox/credits',
      { Origin: own, 'Content-Type': 'Application/JSON; charset=utf-8' },
      json({ team: 'a', credits: 3 }),
    );
    expect(charset.status).toBe(200);
  });

  it('the upload relay takes image bytes from the console origin (not a JSON route)', async () => {
    const init = await send('POST', '/api/v1/characters/uploads/init', { Origin: own, 'Content-Type': 'application/json' }, initBody);
    const { upload_url: uploadUrl } = JSON.parse(init.text) as { upload_url: string };
    const put = await send('PUT', uploadUrl, { Origin: own, 'Content-Type': 'image/png' }, [Buffer.from([0x89, 0x50, 0x4e, 0x47])]);
    expect(put.status).not.toBe(403);
    expect(put.status).not.toBe(415);
  });
});

describe('Host allow-list', () => {
  let loopback: Served;
  let publicConsole: Served;
  let proxied: Served;

  beforeAll(async () => {
    loopback = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}) }));
    const publicOrigins = publicOriginsFromEnv('https://console.example.com, http://10.0.0.5:8080', 0);
    publicConsole = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), publicOrigins }));
    proxied = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), publicOrigins, trustProxy: true }));
  });
  afterAll(async () => {
    await loopback.close();
    await publicConsole.close();
    await proxied.close();
  });

  const get = (served: Served, path: string, headers: Record<string, string>) =>
    within(3_000, rawRequest({ port: served.port, path, headers }));

  it('a DNS-rebinding name gets 421 with the envelope on /api and plain text elsewhere', async () => {
    const api = await get(loopback, '/api/v1/balance', { Host: `rebind.attacker.example:${loopback.port}` });
    expect(api.status).toBe(421);
    expect(errorCode(api)).toBe('host_not_allowed');
    expect(api.text).not.toContain('available_credits');
    const page = await get(loopback, '/', { Host: 'rebind.attacker.example' });
    expect(page.status).toBe(421);
    expect(page.headers['content-type']).toMatch(/^text\/plain/);
    const sandbox = await get(loopback, '/_sandbox/stats', { Host: 'rebind.attacker.example' });
    expect(sandbox.status).toBe(421);
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('the loopback default answers %s on any port', async (name) => {
    const answer = await get(loopback, '/api/v1/balance', { Host: `${name}:${loopback.port}` });
    expect(answer.status).toBe(200);
  });

  it.each(['127.0.0.1.attacker.example', 'localhost.attacker.example', '127.0.0.1@attacker.example', 'attacker.example#127.0.0.1'])(
    'the loopback default does not take %s for loopback',
    async (name) => {
      // Node refuses the malformed ones itself (400); the look-alike names reach the guard (421).
      const answer = await get(loopback, '/api/v1/balance', { Host: name });
      expect([400, 421]).toContain(answer.status);
      expect(answer.text).not.toContain('available_credits');
    },
  );

  it('with CONSOLE_PUBLIC_URL, only its hosts are answered', async () => {
    expect((await get(publicConsole, '/api/v1/balance', { Host: 'console.example.com' })).status).toBe(200);
    expect((await get(publicConsole, '/api/v1/balance', { Host: 'CONSOLE.example.com' })).status).toBe(200);
    expect((await get(publicConsole, '/api/v1/balance', { Host: '10.0.0.5:8080' })).status).toBe(200);
    expect((await get(publicConsole, '/api/v1/balance', { Host: `127.0.0.1:${publicConsole.port}` })).status).toBe(421);
    expect((await get(publicConsole, '/api/v1/balance', { Host: 'console.example.com:8443' })).status).toBe(421);
  });

  it('X-Forwarded-Host counts only with CONSOLE_TRUST_PROXY', async () => {
    const headers = { Host: `127.0.0.1:${proxied.port}`, 'X-Forwarded-Host': 'console.example.com' };
    expect((await get(publicConsole, '/api/v1/balance', headers)).status).toBe(421);
    expect((await get(proxied, '/api/v1/balance', headers)).status).toBe(200);
    expect((await get(proxied, '/api/v1/balance', { ...headers, 'X-Forwarded-Host': 'evil.example' })).status).toBe(421);
  });

  it('the health probe answers a load balancer that addresses the copy by IP', async () => {
    const answer = await get(publicConsole, '/api/health', { Host: '172.16.0.9:5173' });
    expect(answer.status).toBe(200);
  });

  it('writes from the public origin pass; from the copy-internal origin they do not', async () => {
    const send = (origin: string) =>
      within(
        3_000,
        rawRequest({
          port: publicConsole.port,
          method: 'POST',
          path: '/_sandbox/reset',
          headers: { Host: 'console.example.com', Origin: origin },
        }),
      );
    expect((await send('https://console.example.com')).status).toBe(200);
    expect((await send('http://console.example.com')).status).toBe(403);
  });
});

describe('CONSOLE_PUBLIC_URL and CONSOLE_TRUST_PROXY parsing', () => {
  it('defaults to 127.0.0.1 and localhost on PORT', () => {
    expect(publicOriginsFromEnv(undefined, 5173)).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173']);
    expect(publicOriginsFromEnv(' , ', 80)).toEqual(defaultPublicOrigins(80));
  });

  it('normalises a comma-separated list to origins', () => {
    expect(publicOriginsFromEnv('https://Console.Example.com:443/, http://10.0.0.5:8080', 1)).toEqual([
      'https://console.example.com',
      'http://10.0.0.5:8080',
    ]);
  });

  it.each([
    'console.example.com',
    'ftp://console.example.com',
    'https://console.example.com/app',
    'https://u:p@console.example.com',
    'https://x?y',
  ])('refuses %s with a message naming it', (value) => {
    expect(() => publicOriginsFromEnv(value, 1)).toThrow(`CONSOLE_PUBLIC_URL: "${value}"`);
  });

  it('takes true/false (and 1/0) for CONSOLE_TRUST_PROXY and refuses anything else', () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv('true')).toBe(true);
    expect(trustProxyFromEnv('0')).toBe(false);
    expect(() => trustProxyFromEnv('yes please')).toThrow('CONSOLE_TRUST_PROXY must be "true" or "false"');
  });
});
