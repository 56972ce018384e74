import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody, CharacterList } from '../../contract/aurous';
import { SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import { makePng } from '../helpers/png';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;

beforeEach(async () => {
  await api.config({ synth_delay_ms: 1000 });
});

const list = (query = '', key?: string) => api.call<CharacterList>('GET', `/v1/characters${query}`, { key });

describe('POST /v1/characters', () => {
  it('400 parameter_invalid_combination for both flows or neither', async () => {
    const id = await api.upload();
    const both = await api.create({ name: 'x', generate: true, upload_ids: [id], attributes: ATTRIBUTES });
    expect(both.status).toBe(400);
    expect(api.errorOf(both).code).toBe('parameter_invalid_combination');
    const neither = await api.create({ name: 'x' });
    expect(api.errorOf(neither).code).toBe('parameter_invalid_combination');
    const emptyList = await api.create({ name: 'x', generate: true, upload_ids: [], attributes: ATTRIBUTES });
    expect(api.errorOf(emptyList)).toMatchObject({ code: 'parameter_invalid_combination' });
  });

  it('upload flow: 201 ready, refs in upload order with classified poses (other if never classified)', async () => {
    const front = await api.upload('front.png', makePng(8, 8, 1));
    const side = await api.upload('side.png', makePng(8, 8, 2));
    const unclassified = await api.upload('side-too.png', makePng(8, 8, 3));
    await api.classify(front);
    await api.classify(side);
    const reply = await api.create({ name: 'Ada', upload_ids: [side, front, unclassified], client_reference_id: 'ref-1' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ object: 'character', name: 'Ada', status: 'ready', attributes: null, client_reference_id: 'ref-1' });
    expect(reply.body.id).toMatch(/^char_/);
    expect(reply.body.refs.map((ref) => ref.pose)).toEqual(['side', 'front', 'other']);
    const image = await fetch(reply.body.refs[0]!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(makePng(8, 8, 2));
  });

  it('upload flow consumes the uploads and rejects bad ones with upload_invalid on upload_ids', async () => {
    const used = await api.upload();
    expect((await api.create({ name: 'a', upload_ids: [used] })).status).toBe(201);
    const again = await api.create({ name: 'b', upload_ids: [used] });
    expect(api.errorOf(again)).toMatchObject({ code: 'upload_invalid', param: 'upload_ids' });
    const notUploaded = (await api.init()).body.upload_id;
    expect(api.errorOf(await api.create({ name: 'c', upload_ids: [notUploaded] })).code).toBe('upload_invalid');
    const dup = await api.upload();
    expect(api.errorOf(await api.create({ name: 'd', upload_ids: [dup, dup] })).code).toBe('upload_invalid');
    // A failed create consumed nothing.
    expect((await api.create({ name: 'e', upload_ids: [dup] })).status).toBe(201);
    const tooMany = await api.create({ name: 'f', upload_ids: ['1', '2', '3', '4', '5', '6', '7'] });
    expect(api.errorOf(tooMany)).toMatchObject({ code: 'value_out_of_range', param: 'upload_ids' });
  });

  it("404 for another team's upload", async () => {
    const id = await api.upload();
    const reply = await api.create({ name: 'x', upload_ids: [id] }, { key: SANDBOX_TEAM_B_KEY });
    expect(reply.status).toBe(404);
    expect(api.errorOf(reply).code).toBe('resource_not_found');
  });
});

describe('GET /v1/characters/{id}', () => {
  it('404 for unknown and cross-team, with stable ref URLs on repeated reads', async () => {
    const created = await api.create({ name: 'x', upload_ids: [await api.upload()] });
    const a = await api.get(created.body.id);
    const b = await api.get(created.body.id);
    expect(a.body.refs[0]!.url).toBe(b.body.refs[0]!.url);
    expect((await api.get('char_nope')).status).toBe(404);
    const cross = await api.get(created.body.id, SANDBOX_TEAM_B_KEY);
    expect(cross.status).toBe(404);
    expect(api.errorOf(cross)).toMatchObject({ type: 'not_found', code: 'resource_not_found' });
  });
});

describe('GET /v1/characters', () => {
  it('pages newest first with starting_after / next_cursor / has_more', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await api.create({ name: `c${i}`, upload_ids: [await api.upload()] })).body.id);
      await api.advance(1000);
    }
    const first = await list('?limit=2');
    expect(first.body.object).toBe('list');
    expect(first.body.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first.body).toMatchObject({ has_more: true, next_cursor: ids[3] });
    const second = await list(`?limit=2&starting_after=${first.body.next_cursor}`);
    expect(second.body.data.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const last = await list(`?limit=2&starting_after=${second.body.next_cursor}`);
    expect(last.body.data.map((c) => c.id)).toEqual([ids[0]]);
    expect(last.body).toMatchObject({ has_more: false, next_cursor: null });
    expect((await list()).body.data).toHaveLength(5);
  });

  it('continues after a cursor row hard-deleted between pages; 400 for a malformed cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await api.create({ name: `s${i}`, generate: true, attributes: ATTRIBUTES })).body.id);
      await api.advance(1000);
    }
    const first = await list('?limit=1');
    expect(first.body.next_cursor).toBe(ids[2]);
    expect((await api.call('DELETE', `/v1/characters/${ids[2]}`)).body).toMatchObject({ hard_deleted: true });
    const next = await list(`?limit=1&starting_after=${first.body.next_cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data.map((c) => c.id)).toEqual([ids[1]]);
    expect(next.body).toMatchObject({ has_more: true, next_cursor: ids[1] });
    const bad = await list('?starting_after=nope');
    expect(bad.status).toBe(400);
    expect(api.errorOf(bad)).toMatchObject({ code: 'invalid_format', param: 'starting_after' });
  });

  it('filters by status, excludes deleted and other teams, validates the query', async () => {
    const ready = await api.create({ name: 'r', upload_ids: [await api.upload()] });
    const synth = await api.create({ name: 's', generate: true, attributes: ATTRIBUTES });
    const gone = await api.create({ name: 'g', upload_ids: [await api.upload()] });
    await api.call('DELETE', `/v1/characters/${gone.body.id}`);
    await api.create({ name: 'b', upload_ids: [await api.upload(undefined, undefined, SANDBOX_TEAM_B_KEY)] }, { key: SANDBOX_TEAM_B_KEY });
    expect((await list()).body.data.map((c) => c.id)).toEqual([synth.body.id, ready.body.id]);
    expect((await list('?status=synthesizing')).body.data.map((c) => c.id)).toEqual([synth.body.id]);
    const bad = await list('?status=deleted');
    expect(bad.status).toBe(400);
    expect(api.errorOf(bad)).toMatchObject({ type: 'invalid_request', param: 'status' });
    expect(api.errorOf(await list('?limit=0')).param).toBe('limit');
    expect(api.errorOf(await list('?limit=101')).code).toBe('value_out_of_range');
    expect((await list('', SANDBOX_TEAM_B_KEY)).body.data).toHaveLength(1);
  });
});

describe('PATCH /v1/characters/{id}', () => {
  it('updates name and replaces attributes whole', async () => {
    const created = await api.create({ name: 'x', upload_ids: [await api.upload()], attributes: { hair_color: 'red', age: 30 } });
    const reply = await api.call<{ name: string; attributes: unknown }>('PATCH', `/v1/characters/${created.body.id}`, {
      body: { name: 'Renamed', attributes: { eye_color: 'green' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Renamed', attributes: { eye_color: 'green' } });
    expect((await api.get(created.body.id)).body.attributes).toEqual({ eye_color: 'green' });
  });

  it('rejects non-whitelisted fields naming the first and listing all', async () => {
    const created = await api.create({ name: 'x', upload_ids: [await api.upload()] });
    const reply = await api.call('PATCH', `/v1/characters/${created.body.id}`, { body: { name: 'ok', status: 'ready', refs: [] } });
    expect(reply.status).toBe(400);
    const error = api.errorOf(reply);
    expect(error.param).toBe('status');
    expect(error.message).toContain('status');
    expect(error.message).toContain('refs');
    expect((await api.get(created.body.id)).body.name).toBe('x');
  });

  it('404 for a deleted or cross-team character', async () => {
    const created = await api.create({ name: 'x', upload_ids: [await api.upload()] });
    expect((await api.call('PATCH', `/v1/characters/${created.body.id}`, { key: SANDBOX_TEAM_B_KEY, body: { name: 'y' } })).status).toBe(
      404,
    );
    await api.call('DELETE', `/v1/characters/${created.body.id}`);
    const deleted = await api.call('PATCH', `/v1/characters/${created.body.id}`, { body: { name: 'y' } });
    expect(deleted.status).toBe(404);
    expect(api.errorOf(deleted)).toMatchObject({ code: 'resource_not_found', param: 'character_id' });
    expect(api.errorOf(await api.get('char_nope')).param).toBe('character_id');
  });
});

describe('DELETE /v1/characters/{id}', () => {
  it('soft-deletes a ready character (then 404, DELETE again is the same 200), hard-deletes a reviewing one', async () => {
    const ready = await api.create({ name: 'x', upload_ids: [await api.upload()] });
    const soft = await api.call('DELETE', `/v1/characters/${ready.body.id}`);
    expect(soft.status).toBe(200);
    expect(soft.body).toEqual({ id: ready.body.id, object: 'character', deleted: true, hard_deleted: false });
    expect((await api.get(ready.body.id)).status).toBe(404);
    const again = await api.call('DELETE', `/v1/characters/${ready.body.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(soft.body);
    expect((await api.call('POST', `/v1/characters/${ready.body.id}/save`)).status).toBe(404);
    expect((await api.call('DELETE', `/v1/characters/${ready.body.id}`, { key: SANDBOX_TEAM_B_KEY })).status).toBe(404);

    const synth = await api.create({ name: 's', generate: true, attributes: ATTRIBUTES });
    await api.advance(1000);
    expect((await api.get(synth.body.id)).body.status).toBe('reviewing');
    const hard = await api.call('DELETE', `/v1/characters/${synth.body.id}`);
    expect(hard.body).toMatchObject({ deleted: true, hard_deleted: true });
    expect((await api.get(synth.body.id)).status).toBe(404);
  });

  it('a hard delete discards the refs: their signed URLs answer the 404 envelope', async () => {
    const synth = await api.create({ name: 's', generate: true, attributes: ATTRIBUTES });
    await api.advance(1000);
    await api.call('POST', `/v1/characters/${synth.body.id}/refs/regenerate`, { body: { pose: 'front' } });
    const older = (await api.get(synth.body.id)).body.refs; // still the first generation
    await api.advance(1000);
    const refs = (await api.get(synth.body.id)).body.refs;
    const urls = [...older, ...refs].map((ref) => ref.url);
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    await api.call('DELETE', `/v1/characters/${synth.body.id}`);
    for (const url of urls) {
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      expect(((await gone.json()) as ApiErrorBody).error.code).toBe('resource_not_found');
    }
  });

  it('deleting a synthesizing character releases its hold; cross-team is 404', async () => {
    const synth = await api.create({ name: 's', generate: true, attributes: ATTRIBUTES });
    expect((await api.call('DELETE', `/v1/characters/${synth.body.id}`, { key: SANDBOX_TEAM_B_KEY })).status).toBe(404);
    expect((await api.balance()).body.held_credits).toBe(4);
    const reply = await api.call('DELETE', `/v1/characters/${synth.body.id}`);
    expect(reply.body).toMatchObject({ hard_deleted: false });
    await api.advance(5000);
    expect((await api.balance()).body).toMatchObject({ credits: 1000, held_credits: 0, available_credits: 1000 });
  });
});
