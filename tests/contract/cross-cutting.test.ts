import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../../contract/aurous';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;

describe('auth', () => {
  it('401 missing_api_key without a key, with the full envelope and request id header', async () => {
    const reply = await api.call('GET', '/v1/characters', { key: null });
    expect(reply.status).toBe(401);
    const error = api.errorOf(reply);
    expect(error).toMatchObject({ type: 'authentication', code: 'missing_api_key', param: null });
    expect(error.doc_url).toBe('https://docs.aurous-labs.com/errors#missing_api_key');
    expect(error.request_id).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(reply.headers.get('aurous-request-id')).toBe(error.request_id);
  });

  it('401 invalid_api_key for an unknown key, never echoing it', async () => {
    const key = 'al_live_not-a-real-key-123';
    const reply = await api.call('GET', '/v1/characters', { key });
    expect(reply.status).toBe(401);
    expect(api.errorOf(reply).code).toBe('invalid_api_key');
    expect(JSON.stringify(reply.body)).not.toContain(key);
  });

  it('accepts Authorization: Bearer', async () => {
    const reply = await api.call('GET', '/v1/balance', { key: null, headers: { Authorization: `Bearer ${SANDBOX_TEAM_A_KEY}` } });
    expect(reply.status).toBe(200);
  });
});

describe('envelope and headers', () => {
  it('every /v1 success carries Aurous-Request-Id, Aurous-Version and X-RateLimit-*', async () => {
    const reply = await api.call('GET', '/v1/characters');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('aurous-request-id')).toMatch(/^req_/);
    expect(reply.headers.get('aurous-version')).toBe(API_VERSION);
    expect(reply.headers.get('x-ratelimit-limit')).toBe('240');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('239');
    expect(Number(reply.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  });

  it('unknown routes answer the 404 envelope with the header request id', async () => {
    const reply = await api.call('GET', '/v1/nope');
    expect(reply.status).toBe(404);
    expect(api.errorOf(reply).code).toBe('resource_not_found');
    expect(reply.headers.get('aurous-request-id')).toBe(api.errorOf(reply).request_id);
    const outside = await api.call('GET', '/elsewhere', { key: null });
    expect(outside.status).toBe(404);
    expect(api.errorOf(outside).type).toBe('not_found');
  });

  it('invalid JSON is 400 invalid_format', async () => {
    const reply = await api.call('POST', '/v1/characters/uploads/init', { body: '{nope' });
    expect(reply.status).toBe(400);
    expect(api.errorOf(reply)).toMatchObject({ type: 'invalid_request', code: 'invalid_format' });
  });

  it('a /v1 JSON body over 1 MB is a 413 envelope, with or without Content-Length', async () => {
    const huge = JSON.stringify({ filename: 'a.png', extension: 'png', content_type: 'image/png', pad: 'x'.repeat(1024 * 1024) });
    const reply = await api.call('POST', '/v1/characters/uploads/init', { body: huge });
    expect(reply.status).toBe(413);
    expect(api.errorOf(reply)).toMatchObject({ type: 'invalid_request', code: 'invalid_format' });
    expect(reply.headers.get('aurous-request-id')).toBe(api.errorOf(reply).request_id);
    const bytes = new TextEncoder().encode(huge);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.byteLength; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(`${sandbox.url()}/v1/characters/uploads/init`, {
      method: 'POST',
      headers: { 'X-Api-Key': SANDBOX_TEAM_A_KEY, 'Content-Type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('zod failures map to missing_field / value_out_of_range / invalid_format with the path as param', async () => {
    const missing = await api.call('POST', '/v1/characters/uploads/init', { body: { extension: 'png', content_type: 'image/png' } });
    expect(api.errorOf(missing)).toMatchObject({ code: 'missing_field', param: 'filename' });
    const long = await api.call('POST', '/v1/characters/uploads/init', {
      body: { filename: 'x'.repeat(121), extension: 'png', content_type: 'image/png' },
    });
    expect(api.errorOf(long)).toMatchObject({ code: 'value_out_of_range', param: 'filename' });
    const nested = await api.create({ name: 'n', generate: true, attributes: { age: 200 } });
    expect(api.errorOf(nested)).toMatchObject({ code: 'value_out_of_range', param: 'attributes.age' });
    const format = await api.call('POST', '/v1/characters/uploads/init', {
      body: { filename: 'a.gif', extension: 'gif', content_type: 'image/png' },
    });
    expect(api.errorOf(format)).toMatchObject({ code: 'invalid_format', param: 'extension' });
  });
});

describe('Aurous-Version', () => {
  it('echoes a known version and stamps it on created characters', async () => {
    const reply = await api.create(
      { name: 'v', generate: true, attributes: { hair_color: 'black' } },
      { headers: { 'Aurous-Version': '2026-06-03' } },
    );
    expect(reply.status).toBe(201);
    expect(reply.headers.get('aurous-version')).toBe('2026-06-03');
    expect(reply.body.aurous_version).toBe('2026-06-03');
    const plain = await api.get(reply.body.id);
    expect(plain.headers.get('aurous-version')).toBe(API_VERSION);
  });

  it('400 unknown_version for a malformed or unknown version', async () => {
    for (const version of ['2020-01-01', 'latest']) {
      const reply = await api.call('GET', '/v1/balance', { headers: { 'Aurous-Version': version } });
      expect(reply.status).toBe(400);
      expect(api.errorOf(reply)).toMatchObject({ type: 'invalid_request', code: 'unknown_version' });
      expect(reply.headers.get('aurous-request-id')).toBe(api.errorOf(reply).request_id);
    }
  });
});

describe('balance', () => {
  it('reports the seeded metered balance', async () => {
    const reply = await api.call('GET', '/v1/balance');
    expect(reply.body).toEqual({ credits: 1000, held_credits: 0, available_credits: 1000, currency: 'credit', billing_mode: 'metered' });
    expect(reply.headers.get('x-ratelimit-limit')).toBe('1200');
  });
});
