/**
 * The console server over real HTTP, in front of its embedded sandbox: the key stays on the
 * server, uploads go through signed same-origin tickets, and forged tickets are refused.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClassifyResponse, UploadInitResponse } from '../../contract/aurous';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { createConsoleApp } from '../../server/app';
import { upstreamFromEnv } from '../../server/upstream';
import { pngBytes } from '../../e2e/images';

let server: ServerType;
let origin: string;

beforeAll(async () => {
  const app = createConsoleApp({ upstream: upstreamFromEnv({}) });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  await fetch(`${origin}/_sandbox/reset`, { method: 'POST' });
});

async function init(filename = 'front.png'): Promise<{ response: Response; body: UploadInitResponse }> {
  const response = await fetch(`${origin}/api/v1/characters/uploads/init`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ filename, extension: 'png', content_type: 'image/png' }),
  });
  return { response, body: (await response.json()) as UploadInitResponse };
}

describe('console server', () => {
  it('adds the key itself: a browser call without one succeeds, and nothing in the answer names it', async () => {
    const response = await fetch(`${origin}/api/v1/balance`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const headers = JSON.stringify([...response.headers]);
    expect(text + headers).not.toContain(SANDBOX_TEAM_A_KEY);
    expect(text + headers).not.toMatch(/al_live_/);
    expect(JSON.parse(text)).toMatchObject({ available_credits: 1000 });
  });

  it('keeps the key out of error answers and out of the rewritten init answer', async () => {
    const leaks = async (response: Response) => {
      const text = (await response.text()) + JSON.stringify([...response.headers]);
      expect(text).not.toContain(SANDBOX_TEAM_A_KEY);
      expect(text).not.toMatch(/al_live_/);
    };
    const { response: initResponse, body } = await init();
    expect(initResponse.status).toBe(200);
    const initText = JSON.stringify(body) + JSON.stringify([...initResponse.headers]);
    expect(initText).not.toContain(SANDBOX_TEAM_A_KEY);
    expect(initText).not.toMatch(/al_live_/);

    const errors = [
      // Upstream errors: not found, bad body, not-yet-uploaded classify.
      await fetch(`${origin}/api/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR`),
      await fetch(`${origin}/api/v1/characters/uploads/init`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"nope":',
      }),
      await fetch(`${origin}/api/v1/characters/uploads/classify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upload_id: body.upload_id }),
      }),
      // The console's own errors: unknown route, bad ticket, body too large.
      await fetch(`${origin}/api/nothing-here`),
      await fetch(`${origin}/api/uploads/garbage`, { method: 'PUT', body: 'x' }),
      await fetch(`${origin}/api/v1/characters`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) }),
    ];
    for (const response of errors) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      await leaks(response);
    }
  });

  it('ignores a key the browser sends and uses its own', async () => {
    const response = await fetch(`${origin}/api/v1/balance`, { headers: { 'X-Api-Key': 'al_live_attacker' } });
    expect(response.status).toBe(200);
  });

  it('passes the headers the console needs and no others', async () => {
    const response = await fetch(`${origin}/api/v1/characters`, { headers: { 'Aurous-Version': '2026-05-15' } });
    expect(response.headers.get('aurous-request-id')).toMatch(/^req_/);
    expect(response.headers.get('aurous-version')).toBe('2026-05-15');
    expect(response.headers.get('x-ratelimit-limit')).toBe('240');
    expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('rewrites upload_url to a same-origin ticket that PUTs to storage and lets classify run', async () => {
    const { response, body } = await init('front.png');
    expect(response.status).toBe(200);
    // Relative: right behind a TLS proxy (no http:// mixed content) and whatever Host was sent.
    expect(body.upload_url).toMatch(/^\/api\/uploads\/[A-Za-z0-9_.-]+$/);
    expect(body.upload_url).not.toContain('signature=');
    const put = await fetch(new URL(body.upload_url, origin), {
      method: 'PUT',
      headers: body.upload_headers,
      body: new Uint8Array(pngBytes(40, 80, 1)),
    });
    expect(put.status).toBe(200);
    const classify = await fetch(`${origin}/api/v1/characters/uploads/classify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upload_id: body.upload_id }),
    });
    expect(classify.status).toBe(200);
    expect(((await classify.json()) as ClassifyResponse).pose).toBe('front');
  });

  it('refuses a forged or altered ticket, and never contacts storage for it', async () => {
    const { body } = await init();
    const ticket = body.upload_url.split('/api/uploads/')[1] ?? '';
    const [payload, signature] = ticket.split('.');
    const altered = `${payload?.slice(0, -2)}AA.${signature}`;
    for (const bad of [altered, `${payload}.${'A'.repeat(43)}`, 'garbage']) {
      const put = await fetch(`${origin}/api/uploads/${bad}`, { method: 'PUT', body: new Uint8Array(pngBytes(4, 4, 2)) });
      expect(put.status).toBe(403);
      expect(await put.json()).toMatchObject({ error: { code: 'upload_ticket_invalid' } });
    }
    // The real ticket still has never been used: classify says the bytes are not there yet.
    const classify = await fetch(`${origin}/api/v1/characters/uploads/classify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upload_id: body.upload_id }),
    });
    expect(classify.status).toBe(400);
  });

  it('passes API errors through in the API envelope', async () => {
    const response = await fetch(`${origin}/api/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'not_found', code: 'resource_not_found' } });
  });

  it('answers unknown console routes with a 404 envelope', async () => {
    const response = await fetch(`${origin}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'not_found' } });
  });
});
