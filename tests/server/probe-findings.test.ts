/**
 * What a security probe of issue 13's fixes found still open, each as an attacker (or a person
 * using the setup link) would notice it. Every test here failed on the code the probe ran against.
 *
 * 1. An absolute-form request target (`GET http://host/api/v1/characters HTTP/1.1`, which any
 *    HTTP client may send) skipped the embed guard's mode check: the guard judged the raw target,
 *    which does not start with `/api/v1`, while the router and the proxy used the parsed path.
 *    Now refused at the edge (400 invalid_request_target), and the guard fails closed.
 * 2. The setup page's no-script form posts `application/x-www-form-urlencoded` to
 *    /api/team/join, which the JSON-only edge check refuses with 415: the owner cannot be created.
 * 3. `npm run sandbox` answers `/_sandbox/*` controls to any page the developer visits: a
 *    cross-site `text/plain` POST (a plain form, or fetch with mode: 'no-cors') resets it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../contract/aurous';
import type { EmbedSessionResponse } from '../../contract/embed';
import { createConsoleApp } from '../../server/app';
import { embedConfigFromEnv } from '../../server/embed-config';
import { upstreamFromEnv } from '../../server/upstream';
import { createSandbox } from '../../sandbox/app';
import { rawRequest, serveApp, type Served } from './http-helpers';
import { realApiUpstream, startTeamConsole } from './team-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SECRET = 'probe-embed-secret-0123456789abcdef';
const PARTNER = 'https://partner.example';

describe('an absolute-form request target and the embed guard', () => {
  let served: Served;
  let consoleCharacter: Character;
  const session = async (mode: 'create' | 'review') => {
    const response = await fetch(`${served.origin}/api/embed/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ origin: PARTNER, mode, subject: 'user_42' }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as EmbedSessionResponse).session_token;
  };
  const asEmbed = (token: string) => ({ Authorization: `Bearer ${token}`, 'X-Aurous-Embed-Origin': PARTNER });
  // http.request sends `path` verbatim on the request line: here the absolute form a proxy would get.
  const absolute = (path: string) => `${served.origin}${path}`;

  beforeAll(async () => {
    served = await serveApp(
      createConsoleApp({
        upstream: upstreamFromEnv({}),
        embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: SECRET, CONSOLE_EMBED_ORIGINS: PARTNER }),
      }),
    );
    // A character made in the console itself: never visible to a create-mode session.
    const made = await fetch(`${served.origin}/api/v1/characters`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Console only', generate: true, attributes: { gender: 'female' } }),
    });
    expect(made.status).toBe(201);
    consoleCharacter = (await made.json()) as Character;
  });
  afterAll(() => served.close());

  it('keeps a create-mode session from listing every character', async () => {
    const token = await session('create');
    // The origin-form request is refused, as the README says…
    const plain = await rawRequest({ port: served.port, path: '/api/v1/characters', headers: asEmbed(token) });
    expect(plain.status).toBe(403);
    // …and the same request in absolute form must be too (it answered 200 with the whole team's list).
    const abs = await rawRequest({ port: served.port, path: absolute('/api/v1/characters'), headers: asEmbed(token) });
    expect(abs.text).not.toContain(consoleCharacter.id);
    expect(abs.status).toBe(400);
    expect(JSON.parse(abs.text)).toMatchObject({ error: { code: 'invalid_request_target' } });
  });

  it('keeps a create-mode session from renaming a character it did not create', async () => {
    const token = await session('create');
    const body = JSON.stringify({ name: 'Renamed by a partner user' });
    const abs = await rawRequest({
      port: served.port,
      method: 'PATCH',
      path: absolute(`/api/v1/characters/${consoleCharacter.id}`),
      headers: { ...asEmbed(token), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      chunks: [Buffer.from(body)],
    });
    expect(abs.status).not.toBe(200);
    const after = (await (await fetch(`${served.origin}/api/v1/characters/${consoleCharacter.id}`)).json()) as Character;
    expect(after.name).toBe('Console only');
  });

  it('keeps a review-mode session from creating characters (spending credits)', async () => {
    const token = await session('review');
    const body = JSON.stringify({ name: 'Made in review', generate: true, attributes: { gender: 'female' } });
    const abs = await rawRequest({
      port: served.port,
      method: 'POST',
      path: absolute('/api/v1/characters'),
      headers: { ...asEmbed(token), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      chunks: [Buffer.from(body)],
    });
    expect(abs.status).toBe(400);
    const stats = (await (await fetch(`${served.origin}/_sandbox/stats`)).json()) as { teams: { a: { characters: number } } };
    expect(stats.teams.a.characters).toBe(1);
  });
});

describe('the setup link’s form', () => {
  it('creates the owner when the page’s own form is submitted (urlencoded, same origin)', async () => {
    const real = await startTeamConsole({ upstream: realApiUpstream() });
    try {
      const token = new URL(real.started.setupLink ?? '').searchParams.get('token') ?? '';
      const page = await (await fetch(`${real.origin}/setup?token=${token}`)).text();
      expect(page).toContain('action="/api/team/join"');
      // Exactly what a browser sends for that form: no script on the page, so no JSON.
      const submitted = await fetch(`${real.origin}/api/team/join`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: real.origin,
          'Sec-Fetch-Site': 'same-origin',
        },
        body: new URLSearchParams({ token, email: 'owner@example.com', password: 'owner-password-1', name: 'Owner' }).toString(),
      });
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe('/');
      expect(submitted.headers.getSetCookie().join()).toMatch(/better-auth\.session_token=/);
    } finally {
      await real.stop();
    }
  });
});

describe('npm run sandbox and cross-site pages', () => {
  it('refuses a cross-site form POST to its /_sandbox controls', async () => {
    const { app } = createSandbox();
    const reset = await app.fetch(
      new Request('http://127.0.0.1:4010/_sandbox/reset', {
        method: 'POST',
        headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'text/plain' },
        body: '{}',
      }),
    );
    expect(reset.status).toBe(403);
  });
});
