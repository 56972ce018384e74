/**
 * The embed guard as an attacker probes it: paths that mean one thing to the guard and another
 * upstream, create-mode sessions reading characters that are not theirs, and session requests
 * with fields the console would silently ignore.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, Character } from '../../contract/aurous';
import type { EmbedSessionResponse } from '../../contract/embed';
import { createConsoleApp } from '../../server/app';
import { embedConfigFromEnv } from '../../server/embed-config';
import { upstreamFromEnv } from '../../server/upstream';
import { rawRequest, serveApp, type Served } from './http-helpers';

const SECRET = 'test-embed-secret-hardening-0123';
const PARTNER = 'https://partner.example';
const SYNTH = { name: 'Mine', generate: true, attributes: { gender: 'female' } };
let served: Served;

beforeAll(async () => {
  served = await serveApp(
    createConsoleApp({
      upstream: upstreamFromEnv({}),
      embed: embedConfigFromEnv({ CONSOLE_EMBED_SECRET: SECRET, CONSOLE_EMBED_ORIGINS: PARTNER }),
    }),
  );
});
afterAll(() => served.close());

const mint = (body: unknown) =>
  fetch(`${served.origin}/api/embed/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
async function session(body: Record<string, unknown>): Promise<string> {
  const response = await mint({ origin: PARTNER, ...body });
  expect(response.status).toBe(201);
  return ((await response.json()) as EmbedSessionResponse).session_token;
}
const asEmbed = (token: string) => ({ Authorization: `Bearer ${token}`, 'X-Aurous-Embed-Origin': PARTNER });
const errorOf = async (response: Response) => ((await response.json()) as ApiErrorBody).error;

async function create(token: string | null, body: unknown = SYNTH): Promise<Response> {
  return fetch(`${served.origin}/api/v1/characters`, {
    method: 'POST',
    headers: { ...(token ? asEmbed(token) : {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const read = (token: string | null, id: string) =>
  fetch(`${served.origin}/api/v1/characters/${id}`, { headers: token ? asEmbed(token) : {} });

describe('one path, decoded once', () => {
  it('refuses an encoded slash or backslash on /api/v1, with the envelope', async () => {
    // A review session may not upload; "uploads%2Finit" looked like a character id to act on.
    const review = await session({ mode: 'review', subject: 'user-1' });
    for (const path of ['/api/v1/characters/uploads%2Finit', '/api/v1/characters/uploads%2finit', '/api/v1/characters/uploads%5Cinit']) {
      const response = await rawRequest({
        port: served.port,
        path,
        method: 'POST',
        headers: { ...asEmbed(review), 'Content-Type': 'application/json' },
        chunks: [Buffer.from('{"filename":"a.png","extension":"png","content_type":"image/png"}')],
      });
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: { type: 'invalid_request', code: 'invalid_path', message: expect.stringContaining('encoded slash') },
      });
    }
  });

  it('refuses dot segments, plain or escaped, instead of judging one path and forwarding another', async () => {
    const bound = await session({ mode: 'review', character_id: 'char_ONE' });
    for (const path of [
      '/api/v1/characters/char_ONE/../char_TWO',
      '/api/v1/characters/char_ONE/%2e%2e/char_TWO',
      '/api/v1/characters/char_ONE/%2E%2E/%2E%2E/balance',
      '/api/v1/characters/./char_ONE',
      '/api/uploads/../v1/characters',
    ]) {
      const response = await rawRequest({ port: served.port, path, headers: asEmbed(bound) });
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        error: { code: 'invalid_path', message: 'The path may not contain "." or ".." segments.' },
      });
    }
  });

  it('checks /api/v1 without a trailing slash too', async () => {
    const create = await session({ mode: 'create', subject: 'user-1' });
    const response = await rawRequest({ port: served.port, path: '/api/v1', method: 'POST', headers: asEmbed(create) });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'embed_mode_forbidden' } });
  });

  it('still serves escaped ids that decode to a plain segment', async () => {
    const review = await session({ mode: 'review', character_id: 'char_ONE' });
    const response = await rawRequest({ port: served.port, path: '/api/v1/characters/char_%4FNE', headers: asEmbed(review) });
    expect(response.status).toBe(404); // allowed for the bound character; it just does not exist
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'resource_not_found' } });
  });
});

describe('a create-mode session reads only what it created', () => {
  it('reads its own character, across token refreshes', async () => {
    const first = await session({ mode: 'create', subject: 'user-alice' });
    const created = await create(first);
    expect(created.status).toBe(201);
    const character = (await created.json()) as Character;
    expect((await read(first, character.id)).status).toBe(200);
    // The host's refresh mints a new token for the same origin and subject.
    const refreshed = await session({ mode: 'create', subject: 'user-alice' });
    const again = await read(refreshed, character.id);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Character).name).toBe('Mine');
  });

  it('cannot read a character another session created: the answer is a plain 404', async () => {
    const alice = await session({ mode: 'create', subject: 'user-alice' });
    const bob = await session({ mode: 'create', subject: 'user-bob' });
    const carol = await session({ mode: 'create', subject: 'user-carol' });
    const character = (await (await create(alice)).json()) as Character;
    for (const other of [bob, carol]) {
      const response = await read(other, character.id);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({
        type: 'not_found',
        code: 'resource_not_found',
        message: `No such character: ${character.id}.`,
        param: 'character_id',
      });
    }
    // The same answer as an id that exists nowhere, headers included, so an id's existence does not leak.
    const hidden = await read(bob, character.id);
    const missing = await read(bob, 'char_00000000000000000000000000');
    expect(await errorOf(missing)).toMatchObject({
      code: 'resource_not_found',
      message: 'No such character: char_00000000000000000000000000.',
    });
    const shape = (response: Response) => [...response.headers.keys()].filter((name) => name !== 'date').sort();
    expect(shape(hidden)).toEqual(shape(missing));
    const hiddenError = await errorOf(hidden);
    expect(hiddenError.request_id).toBe(hidden.headers.get('aurous-request-id'));
    expect(hiddenError.request_id).not.toMatch(/^req_console_/);
  });

  it('cannot read a character made in the console itself, which a review session and the console still can', async () => {
    const made = (await (await create(null)).json()) as Character;
    const creator = await session({ mode: 'create', subject: 'user-1' });
    expect((await read(creator, made.id)).status).toBe(404);
    expect((await read(await session({ mode: 'review', subject: 'user-1' }), made.id)).status).toBe(200);
    expect((await read(null, made.id)).status).toBe(200);
  });

  it('cannot choose its own client_reference_id, and the one it gets names no partner data', async () => {
    const creator = await session({ mode: 'create', subject: 'user-alice' });
    const refused = await create(creator, { ...SYNTH, client_reference_id: 'embed:forged' });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({ code: 'invalid_format', param: 'client_reference_id' });
    const created = (await (await create(creator)).json()) as Character;
    expect(created.client_reference_id).toMatch(/^embed:[A-Za-z0-9_-]{32}$/);
    expect(created.client_reference_id).not.toContain('alice');
  });
});

describe('minting, validated by the contract schema', () => {
  it('refuses unknown fields instead of ignoring them (a typo must not mint an unbound session)', async () => {
    const response = await mint({ origin: PARTNER, mode: 'review', character: 'char_ONE' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid_format',
      param: 'character',
      message: expect.stringContaining('Unknown field(s): character'),
    });
  });

  it('keeps the clear messages for each field', async () => {
    const cases: [unknown, string, string, string][] = [
      ['not json', 'invalid_format', '', 'The body must be a JSON object.'],
      [{ mode: 'create' }, 'invalid_format', 'origin', 'origin must be an origin like https://partner.example.'],
      [{ origin: `${PARTNER}/path`, mode: 'create' }, 'invalid_format', 'origin', 'origin must be an origin like https://partner.example.'],
      [{ origin: PARTNER, mode: 'admin' }, 'invalid_format', 'mode', 'mode must be "create" or "review".'],
      [
        { origin: PARTNER, mode: 'create', ttl_s: 59 },
        'value_out_of_range',
        'ttl_s',
        'ttl_s must be a whole number of seconds from 60 to 14400.',
      ],
      [
        { origin: PARTNER, mode: 'create', ttl_s: '600' },
        'value_out_of_range',
        'ttl_s',
        'ttl_s must be a whole number of seconds from 60 to 14400.',
      ],
      [
        { origin: PARTNER, mode: 'create', character_id: 'x' },
        'invalid_format',
        'character_id',
        'character_id must be a character id (char_…).',
      ],
      [
        { origin: PARTNER, mode: 'create', subject: 'has space' },
        'invalid_format',
        'subject',
        'subject must be 1–256 visible ASCII characters (your user or workspace id).',
      ],
      [
        { origin: PARTNER, mode: 'review' },
        'invalid_format',
        'subject',
        'subject is required unless character_id is given: name the end user the session is for (your user id), so it sees only their characters.',
      ],
      [
        { origin: PARTNER, mode: 'create', subject: 'x'.repeat(257) },
        'invalid_format',
        'subject',
        'subject must be 1–256 visible ASCII characters (your user or workspace id).',
      ],
      [
        { origin: 'https://evil.example', mode: 'create', subject: 'user-1' },
        'origin_not_allowed',
        'origin',
        'https://evil.example is not in CONSOLE_EMBED_ORIGINS.',
      ],
    ];
    for (const [body, code, param, message] of cases) {
      const response = await mint(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(response), JSON.stringify(body)).toMatchObject({ code, param: param || null, message });
    }
  });

  it('mints ten-minute sessions by default', async () => {
    const body = (await (await mint({ origin: PARTNER, mode: 'create', subject: 'user-1' })).json()) as EmbedSessionResponse;
    const lifetime = Date.parse(body.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(590_000);
    expect(lifetime).toBeLessThanOrEqual(600_000);
  });
});
