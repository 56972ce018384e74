/** Embed sessions over real HTTP: minting, the guard on every call, and framing rules. */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbedSessionResponse } from '../../contract/embed';
import { createConsoleApp } from '../../server/app';
import { embedConfigFromEnv } from '../../server/embed-config';
import { deriveEmbedKey, signEmbedToken } from '../../server/embed-session';
import { upstreamFromEnv } from '../../server/upstream';

const SECRET = 'test-embed-secret-0123456789';
const PARTNER = 'https://partner.example';
let server: ServerType;
let origin: string;

beforeAll(async () => {
  const staticRoot = mkdtempSync(path.join(os.tmpdir(), 'console-static-'));
  writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>console</title>');
  const app = createConsoleApp({
    upstream: upstreamFromEnv({}),
    staticRoot,
    embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: SECRET, CONSOLE_EMBED_ORIGINS: `${PARTNER}, https://other.example` }),
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function mint(body: Record<string, unknown>, secret = SECRET) {
  return fetch(`${origin}/api/embed/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
async function session(body: Record<string, unknown>): Promise<string> {
  const response = await mint(body);
  expect(response.status).toBe(201);
  return ((await response.json()) as EmbedSessionResponse).session_token;
}
const asEmbed = (token: string, from = PARTNER) => ({ Authorization: `Bearer ${token}`, 'X-Aurous-Embed-Origin': from });

describe('minting sessions', () => {
  it('needs the embed secret', async () => {
    expect((await mint({ origin: PARTNER, mode: 'create', subject: 'user-1' }, 'wrong-secret-wrong-secret')).status).toBe(401);
  });
  it('mints only for allowed origins and valid modes, with a bounded lifetime', async () => {
    const ok = await mint({ origin: PARTNER, mode: 'create', ttl_s: 600, subject: 'user-1' });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as EmbedSessionResponse;
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(590_000);
    expect(body.session_token).toMatch(/^aes_/);
    expect(await (await mint({ origin: 'https://evil.example', mode: 'create', subject: 'user-1' })).json()).toMatchObject({
      error: { code: 'origin_not_allowed', param: 'origin' },
    });
    expect((await mint({ origin: PARTNER, mode: 'admin', subject: 'user-1' })).status).toBe(400);
    expect((await mint({ origin: PARTNER, mode: 'create', ttl_s: 999_999, subject: 'user-1' })).status).toBe(400);
  });
});

describe('the guard on every call', () => {
  it('lets a create session upload and create', async () => {
    const token = await session({ origin: PARTNER, mode: 'create', subject: 'user-1' });
    const init = await fetch(`${origin}/api/v1/characters/uploads/init`, {
      method: 'POST',
      headers: { ...asEmbed(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', extension: 'png', content_type: 'image/png' }),
    });
    expect(init.status).toBe(200);
  });

  it('refuses a token used from another origin', async () => {
    const token = await session({ origin: PARTNER, mode: 'create', subject: 'user-1' });
    const response = await fetch(`${origin}/api/v1/balance`, { headers: asEmbed(token, 'https://other.example') });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'embed_origin_mismatch' } });
  });

  it('refuses an expired or forged token', async () => {
    const expired = signEmbedToken(deriveEmbedKey(SECRET), {
      origin: PARTNER,
      mode: 'create',
      characterId: null,
      sub: null,
      exp: Date.now() - 1,
    });
    expect(await (await fetch(`${origin}/api/v1/balance`, { headers: asEmbed(expired) })).json()).toMatchObject({
      error: { code: 'embed_session_expired' },
    });
    const forged = signEmbedToken(deriveEmbedKey('another-secret-another-secret'), {
      origin: PARTNER,
      mode: 'review',
      characterId: null,
      sub: null,
      exp: Date.now() + 60_000,
    });
    expect((await fetch(`${origin}/api/v1/balance`, { headers: asEmbed(forged) })).status).toBe(401);
  });

  it('a review session cannot create characters, and a create session cannot act on others', async () => {
    const review = await session({ origin: PARTNER, mode: 'review', subject: 'user-1' });
    const create = await fetch(`${origin}/api/v1/characters`, {
      method: 'POST',
      headers: { ...asEmbed(review), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', generate: true, attributes: { gender: 'female' } }),
    });
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ error: { code: 'embed_mode_forbidden' } });
    expect((await fetch(`${origin}/api/v1/characters`, { headers: asEmbed(review) })).status).toBe(200);

    const creator = await session({ origin: PARTNER, mode: 'create', subject: 'user-1' });
    expect((await fetch(`${origin}/api/v1/characters`, { headers: asEmbed(creator) })).status).toBe(403);
    expect((await fetch(`${origin}/api/v1/characters/char_X/save`, { method: 'POST', headers: asEmbed(creator) })).status).toBe(403);
  });

  it('a session bound to one character reaches only that character', async () => {
    const bound = await session({ origin: PARTNER, mode: 'review', character_id: 'char_ONE' });
    expect((await fetch(`${origin}/api/v1/characters/char_TWO`, { headers: asEmbed(bound) })).status).toBe(403);
    expect((await fetch(`${origin}/api/v1/characters/char_ONE`, { headers: asEmbed(bound) })).status).toBe(404); // allowed; it just does not exist
  });
});

describe('framing', () => {
  it('lets only the allowed partners frame /embed, and nobody frame anything else', async () => {
    const embed = await fetch(`${origin}/embed`);
    expect(embed.headers.get('content-security-policy')).toContain(`frame-ancestors ${PARTNER} https://other.example`);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const home = await fetch(`${origin}/`);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(home.headers.get('x-frame-options')).toBe('DENY');
  });
});
