/**
 * Pages, assets, the SPA fallback and API JSON carry the security headers, and static serving
 * never reads outside the build folder.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleApp } from '../../server/app';
import { upstreamFromEnv } from '../../server/upstream';
import { rawRequest, serveApp, within, type Served } from './http-helpers';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUILD-FOLDER';
let dir: string;
let served: Served;
/** Behind a TLS-terminating proxy it trusts (CONSOLE_TRUST_PROXY). */
let proxied: Served;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'console-static-'));
  const root = path.join(dir, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console shell</title><div id="root"></div>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(root, 'embed.js'), 'window.AurousConsole = {};');
  writeFileSync(path.join(root, 'embed.mjs'), 'export const mount = () => {};');
  // Next to the build folder, where a traversal would land.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  served = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), staticRoot: root }));
  proxied = await serveApp(createConsoleApp({ upstream: upstreamFromEnv({}), staticRoot: root, trustProxy: true }));
});
afterAll(async () => {
  await served.close();
  await proxied.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (requestPath: string, headers: Record<string, string> = {}, on: Served = served) =>
  within(3_000, rawRequest({ port: on.port, path: requestPath, headers }));

describe('static serving', () => {
  it('serves the shell, assets and client routes', async () => {
    expect((await get('/')).text).toContain('console shell');
    expect((await get('/characters/x')).text).toContain('console shell');
    expect((await get('/assets/app.js')).text).toContain('console.log');
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%2e%2e%2fsecret.txt',
  ])('never answers %s with a file outside the build folder', async (requestPath) => {
    const answer = await get(requestPath);
    expect(answer.text).not.toContain(SECRET);
  });

  it.each(['/assets/..%2f..%2fpackage.json', '/..%5cpackage.json', '/..%2fsecret.txt'])(
    'refuses %s outright instead of answering with the app shell',
    async (requestPath) => {
      const answer = await get(requestPath);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('console shell');
    },
  );
});

describe('security headers', () => {
  it.each(['/', '/characters/x', '/assets/app.js'])('%s carries CSP, nosniff, Referrer-Policy and frame denial', async (requestPath) => {
    const { status, headers } = await get(requestPath);
    expect(status).toBe(200);
    const csp = String(headers['content-security-policy'] ?? '');
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values]),
    );
    expect(directives.get('script-src')).toBeDefined();
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it.each(['/api/health', '/api/nothing-here', '/api/v1/balance'])('API JSON at %s is nosniff too', async (requestPath) => {
    const { headers } = await get(requestPath);
    expect(headers['content-type']).toMatch(/json/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('isolation, permissions, HSTS and caching headers', () => {
  it.each(['/', '/characters/x', '/assets/app.js', '/api/health', '/api/v1/balance', '/api/nothing-here'])(
    '%s is same-origin only (COOP, CORP) and denies device permissions',
    async (requestPath) => {
      const { headers } = await get(requestPath);
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['cross-origin-resource-policy']).toBe('same-origin');
      const policy = String(headers['permissions-policy'] ?? '');
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
    },
  );

  it.each(['/embed.js', '/embed.mjs', '/embed'])(
    '%s may be loaded or framed by a partner page (CORP cross-origin)',
    async (requestPath) => {
      const { status, headers } = await get(requestPath);
      expect(status).toBe(200);
      expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
    },
  );

  it('a refusal carries the headers too (a forged Host)', async () => {
    const { status, headers } = await get('/', { Host: 'rebind.attacker.example' });
    expect(status).toBe(421);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('sends HSTS only over HTTPS: a trusted proxy saying X-Forwarded-Proto: https, never plain HTTP or an untrusted claim', async () => {
    expect((await get('/')).headers['strict-transport-security']).toBeUndefined();
    expect((await get('/', { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security']).toBeUndefined();
    expect((await get('/', {}, proxied)).headers['strict-transport-security']).toBeUndefined();
    expect((await get('/', { 'X-Forwarded-Proto': 'http' }, proxied)).headers['strict-transport-security']).toBeUndefined();
    for (const proto of ['https', 'https, http', 'HTTPS']) {
      const hsts = (await get('/api/health', { 'X-Forwarded-Proto': proto }, proxied)).headers['strict-transport-security'];
      expect(hsts).toMatch(/^max-age=\d{7,}/);
    }
  });

  it.each(['/', '/index.html', '/characters/x', '/embed', '/embed.js', '/embed.mjs'])(
    '%s is revalidated on every load (Cache-Control: no-cache)',
    async (requestPath) => {
      expect((await get(requestPath)).headers['cache-control']).toBe('no-cache');
    },
  );

  it('hashed assets stay cached for a year', async () => {
    expect((await get('/assets/app.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
