/**
 * The endpoint table (contract/endpoints.ts) against what the sandbox serves and what the docs say:
 * the same routes both ways, each charged to its documented bucket, the Idempotency-Key honoured
 * exactly where the table says.
 */
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../contract/aurous';
import { ENDPOINT_BODIES } from '../../contract/endpoint-bodies';
import { ENDPOINTS, bucketFor, matchEndpoint, type EndpointName } from '../../contract/endpoints';
import { createSandbox } from '../../sandbox/app';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const { api } = setUpSandbox();
const entries = Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][];

/**
 * Each endpoint's "Rate limit: bucket …" line, from its reference page (seeds/ first). Create has
 * none in the recovered page; regenerate-ref and resynthesize say the synthesize flow of create
 * shares characters_synthesize, and the upload flow is a plain characters POST.
 */
const DOCUMENTED_BUCKETS: Record<EndpointName, RateLimitBucket> = {
  getBalance: 'get', // rate-limits.md: "GET (lists, single fetches, balance, team, usage)"
  initUpload: 'characters_post', // seeds/002 upload-init
  classifyUpload: 'characters_post', // seeds/000 upload-classify
  createCharacter: 'characters_post',
  listCharacters: 'characters_get', // list-characters.md
  getCharacter: 'characters_get', // retrieve-character.md
  updateCharacter: 'characters_post', // update-character.md
  deleteCharacter: 'characters_post', // delete-character.md
  saveCharacter: 'characters_post', // seeds/003 save
  regenerateRef: 'characters_synthesize', // seeds/004 regenerate
  resynthesize: 'characters_synthesize', // resynthesize-character.md
  createWebhookEndpoint: 'webhook_endpoints_post', // INDEX: POST /v1/webhook_endpoints 10 / 10 per min
  getWebhookEndpoint: 'get',
  // Not documented: charged to the create bucket (contract/constants.ts).
  deleteWebhookEndpoint: 'webhook_endpoints_post',
  rotateWebhookSecret: 'webhook_endpoints_post',
  testWebhookEndpoint: 'webhook_endpoints_post',
};

describe('the table and the sandbox', () => {
  it('lists exactly the /v1 routes the sandbox serves', () => {
    const served = createSandbox()
      .app.routes.filter((route) => route.method !== 'ALL' && route.path.startsWith('/v1/'))
      .map((route) => `${route.method} ${route.path}`);
    const declared = entries.map(([, endpoint]) => `${endpoint.method} ${endpoint.path}`);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual([...declared].sort());
  });

  it('has buckets that match the docs, and the sandbox charges each call to its bucket', async () => {
    const created = await api.create({ name: 'Table', generate: true, attributes: ATTRIBUTES });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const hook = await api.call<{ id: string }>('POST', '/v1/webhook_endpoints', {
      body: { url: 'https://hooks.example/aurous', events: ['character.completed'] },
    });
    const ids: Partial<Record<EndpointName, string>> = {
      getWebhookEndpoint: hook.body.id,
      deleteWebhookEndpoint: hook.body.id,
      rotateWebhookSecret: hook.body.id,
      testWebhookEndpoint: hook.body.id,
    };
    const bodies: Record<EndpointName, unknown> = {
      getBalance: undefined,
      initUpload: { filename: 'a.png', extension: 'png', content_type: 'image/png' },
      classifyUpload: { upload_id: 'upl_missing' },
      createCharacter: { name: 'Uploaded', upload_ids: ['upl_missing'] },
      listCharacters: undefined,
      getCharacter: undefined,
      updateCharacter: { name: 'Renamed' },
      deleteCharacter: undefined,
      saveCharacter: undefined,
      regenerateRef: { pose: 'front' },
      resynthesize: {},
      createWebhookEndpoint: { url: 'https://hooks.example/other', events: ['*'] },
      getWebhookEndpoint: undefined,
      deleteWebhookEndpoint: undefined,
      rotateWebhookSecret: undefined,
      testWebhookEndpoint: { event_type: 'character.completed' },
    };
    // Delete last: the other webhook calls need the endpoint.
    const ordered = [...entries].sort(([a], [b]) => Number(a === 'deleteWebhookEndpoint') - Number(b === 'deleteWebhookEndpoint'));
    for (const [name, endpoint] of ordered) {
      expect(endpoint.bucket, name).toBe(DOCUMENTED_BUCKETS[name]);
      const reply = await api.call(endpoint.method, endpoint.path.replace(':id', ids[name] ?? id), { body: bodies[name] });
      expect(reply.headers.get('x-ratelimit-limit'), `${name} answered ${reply.status}`).toBe(
        String(RATE_LIMIT_BUCKETS[endpoint.bucket].capacity),
      );
    }
  });

  it('the synthesize flow of create draws from characters_synthesize', async () => {
    expect(ENDPOINTS.createCharacter.generateBucket).toBe('characters_synthesize');
    const reply = await api.create({ name: 'Synth', generate: true, attributes: ATTRIBUTES });
    expect(reply.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT_BUCKETS.characters_synthesize.capacity));
  });

  it('replays an Idempotency-Key exactly on the endpoints the table marks idempotent', async () => {
    const created = await api.create({ name: 'Keys', generate: true, attributes: ATTRIBUTES });
    const id = created.body.id;
    const twice = async (method: string, path: string, body: unknown, key: string) => {
      await api.call(method, path, { body, headers: { 'Idempotency-Key': key } });
      const again = await api.call(method, path, { body, headers: { 'Idempotency-Key': key } });
      return again.headers.get('aurous-idempotent-replayed');
    };
    await api.advance(60_000);
    expect(await twice('POST', `/v1/characters/${id}/resynthesize`, {}, 'k-resynth')).toBe('true');
    expect(await twice('POST', '/v1/characters', { name: 'K', generate: true, attributes: ATTRIBUTES }, 'k-create')).toBe('true');
    // Not in the table as idempotent: the key is ignored, each call is processed.
    expect(await twice('POST', `/v1/characters/${id}/save`, undefined, 'k-save')).toBeNull();
    expect(
      await twice('POST', '/v1/characters/uploads/init', { filename: 'a.png', extension: 'png', content_type: 'image/png' }, 'k-init'),
    ).toBeNull();
    expect(
      entries
        .filter(([, endpoint]) => endpoint.idempotent)
        .map(([name]) => name)
        .sort(),
    ).toEqual(['createCharacter', 'regenerateRef', 'resynthesize']);
  });
});

describe('matchEndpoint', () => {
  it('matches literal segments before taking an id, and ignores the query', () => {
    expect(matchEndpoint('POST', '/v1/characters/uploads/init')).toMatchObject({ name: 'initUpload', id: null });
    expect(matchEndpoint('GET', '/v1/characters/char_1')).toMatchObject({ name: 'getCharacter', id: 'char_1' });
    expect(matchEndpoint('POST', '/v1/characters/char_1/refs/regenerate')).toMatchObject({ name: 'regenerateRef', id: 'char_1' });
    expect(matchEndpoint('GET', '/v1/characters?limit=5')).toMatchObject({ name: 'listCharacters' });
  });

  it('matches nothing outside the table', () => {
    for (const [method, path] of [
      ['GET', '/v1'],
      ['GET', '/v1/'],
      ['GET', '/v1/characters/'],
      ['GET', '/v1/characters//save'],
      ['POST', '/v1/characters//save'],
      ['GET', '/v1/characters/char_1/extra'],
      ['PUT', '/v1/characters/char_1'],
      ['POST', '/v1/balance'],
      ['OPTIONS', '/v1/characters'],
    ] as const) {
      expect(matchEndpoint(method, path), `${method} ${path}`).toBeNull();
    }
  });
});

describe('bucketFor', () => {
  it('maps each console call to its documented bucket', () => {
    expect(bucketFor('GET', '/v1/characters/char_1')).toBe('characters_get');
    expect(bucketFor('GET', '/v1/balance')).toBe('get');
    expect(bucketFor('POST', '/v1/characters/uploads/init')).toBe('characters_post');
    expect(bucketFor('POST', '/v1/characters', { upload_ids: ['u'] })).toBe('characters_post');
    expect(bucketFor('POST', '/v1/characters', { generate: true })).toBe('characters_synthesize');
    expect(bucketFor('POST', '/v1/characters/char_1/refs/regenerate')).toBe('characters_synthesize');
    expect(bucketFor('POST', '/v1/characters/char_1/resynthesize')).toBe('characters_synthesize');
    expect(bucketFor('POST', '/v1/characters/char_1/save')).toBe('characters_post');
  });

  it('falls back to the generic buckets off the table', () => {
    expect(bucketFor('GET', '/v1/team')).toBe('get');
    expect(bucketFor('POST', '/v1/unknown', { generate: true })).toBe('characters_post');
  });
});

describe('body schemas', () => {
  it('accept the documented examples and refuse unknown fields', () => {
    const examples: Partial<Record<EndpointName, unknown>> = {
      initUpload: { filename: 'front-portrait.jpg', extension: 'jpg', content_type: 'image/jpeg' },
      classifyUpload: { upload_id: 'upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR' },
      createCharacter: {
        name: 'Aurora the Adventurer',
        generate: false,
        upload_ids: ['upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR'],
        attributes: ATTRIBUTES,
      },
      updateCharacter: { name: 'Aurora' },
      regenerateRef: { pose: 'front', prompt_override: 'soft studio lighting, neutral background' },
      resynthesize: { force_all: true },
      createWebhookEndpoint: {
        url: 'https://api.acme.dev/aurous-webhook',
        events: ['image.completed', 'image.failed'],
        description: 'Production webhook',
        metadata: { env: 'prod', team: 'integrations' },
      },
      testWebhookEndpoint: { event_type: 'image.completed' },
    };
    for (const [name, schema] of Object.entries(ENDPOINT_BODIES) as [EndpointName, (typeof ENDPOINT_BODIES)[EndpointName]][]) {
      if (schema === null) {
        expect(examples[name], name).toBeUndefined();
        continue;
      }
      expect(schema.safeParse(examples[name]).success, name).toBe(true);
      expect(schema.safeParse({ ...(examples[name] as object), surprise: 1 }).success, name).toBe(false);
    }
  });
});
