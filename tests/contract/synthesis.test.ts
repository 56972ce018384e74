import { beforeEach, describe, expect, it } from 'vitest';
import type { Character } from '../../contract/aurous';
import { SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import { ATTRIBUTES } from '../helpers/sandbox-client';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const DELAY = 2000;

beforeEach(async () => {
  await api.config({ synth_delay_ms: DELAY });
});

async function reviewing(key?: string): Promise<Character> {
  const created = await api.create({ name: 'Syn', generate: true, attributes: ATTRIBUTES }, { key });
  await api.advance(DELAY);
  return (await api.get(created.body.id, key)).body;
}
const action = (id: string, path: string, body?: unknown) => api.call<Character>('POST', `/v1/characters/${id}/${path}`, { body });
const poseUrl = (c: Character, pose: string) => c.refs.find((ref) => ref.pose === pose)?.url;

describe('synthesize flow', () => {
  it('holds 4 credits, lands in reviewing with 4 poses after the delay, then commits the hold', async () => {
    const created = await api.create({ name: 'Syn', generate: true, attributes: ATTRIBUTES, client_reference_id: 'abc' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'synthesizing', refs: [], attributes: ATTRIBUTES, client_reference_id: 'abc' });
    expect((await api.balance()).body).toMatchObject({ credits: 1000, held_credits: 4, available_credits: 996 });
    await api.advance(DELAY - 100);
    expect((await api.get(created.body.id)).body.status).toBe('synthesizing');
    await api.advance(100);
    const done = (await api.get(created.body.id)).body;
    expect(done.status).toBe('reviewing');
    expect(done.refs.map((ref) => ref.pose)).toEqual(['portrait', 'front', 'side', 'back']);
    expect((await api.balance()).body).toMatchObject({ credits: 996, held_credits: 0, available_credits: 996 });
  });

  it('synthesized refs are SVG figures served with a signed token (403 when tampered)', async () => {
    const character = await reviewing();
    const url = poseUrl(character, 'front')!;
    expect(new URL(url).origin).toBe(sandbox.url());
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(image.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(await image.text()).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const bad = new URL(url);
    bad.searchParams.set('token', 'forged');
    expect((await fetch(bad)).status).toBe(403);
  });

  it('requires attributes (missing_field) and lands in ready when configured', async () => {
    const missing = await api.create({ name: 'x', generate: true });
    expect(api.errorOf(missing)).toMatchObject({ code: 'missing_field', param: 'attributes' });
    await api.config({ synth_lands_in: 'ready' });
    expect((await reviewing()).status).toBe('ready');
  });

  it('fail_next_synth → failed with an error_message and the hold released', async () => {
    await api.config({ fail_next_synth: true });
    const created = await api.create({ name: 'x', generate: true, attributes: ATTRIBUTES });
    await api.advance(DELAY);
    const failed = (await api.get(created.body.id)).body;
    expect(failed.status).toBe('failed');
    expect(failed.error_message).toBeTruthy();
    expect((await api.balance()).body).toMatchObject({ credits: 1000, held_credits: 0, available_credits: 1000 });
    // Only the next one fails.
    expect((await reviewing()).status).toBe('reviewing');
  });

  it('team B (5 credits) gets 402 insufficient_credits on its second synthesis', async () => {
    const first = await api.create({ name: 'b1', generate: true, attributes: ATTRIBUTES }, { key: SANDBOX_TEAM_B_KEY });
    expect(first.status).toBe(201);
    const second = await api.create({ name: 'b2', generate: true, attributes: ATTRIBUTES }, { key: SANDBOX_TEAM_B_KEY });
    expect(second.status).toBe(402);
    expect(api.errorOf(second)).toMatchObject({ type: 'invalid_request', code: 'insufficient_credits' });
  });

  it('a failed synthesis nobody has read yet no longer blocks credits', async () => {
    await api.config({ fail_next_synth: true });
    const failing = await api.create({ name: 'b1', generate: true, attributes: ATTRIBUTES }, { key: SANDBOX_TEAM_B_KEY });
    expect(failing.status).toBe(201);
    await api.advance(DELAY);
    // No GET in between: the next paid call must see the released hold.
    const next = await api.create({ name: 'b2', generate: true, attributes: ATTRIBUTES }, { key: SANDBOX_TEAM_B_KEY });
    expect(next.status).toBe(201);
  });
});

describe('save', () => {
  it('reviewing → ready, idempotent on ready, 400 from synthesizing and failed', async () => {
    const character = await reviewing();
    const saved = await action(character.id, 'save');
    expect(saved.status).toBe(200);
    expect(saved.body.status).toBe('ready');
    const again = await action(character.id, 'save');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(saved.body);

    const synthesizing = await api.create({ name: 's', generate: true, attributes: ATTRIBUTES });
    const early = await action(synthesizing.body.id, 'save');
    expect(early.status).toBe(400);
    expect(api.errorOf(early)).toMatchObject({ type: 'invalid_request', code: 'invalid_request_error' });

    await api.config({ fail_next_synth: true });
    const failing = await api.create({ name: 'f', generate: true, attributes: ATTRIBUTES });
    await api.advance(DELAY);
    expect(api.errorOf(await action(failing.body.id, 'save')).code).toBe('invalid_request_error');
  });
});

describe('regenerate', () => {
  it('changes only that pose (new, visibly different image) for 1 credit', async () => {
    const before = await reviewing();
    const reply = await action(before.id, 'refs/regenerate', { pose: 'side' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('synthesizing');
    expect((await api.balance()).body).toMatchObject({ held_credits: 1, available_credits: 995 });
    await api.advance(DELAY);
    const after = (await api.get(before.id)).body;
    expect(after.status).toBe('reviewing');
    expect((await api.balance()).body).toMatchObject({ credits: 995, held_credits: 0 });
    for (const pose of ['portrait', 'front', 'back']) expect(poseUrl(after, pose)).toBe(poseUrl(before, pose));
    expect(poseUrl(after, 'side')).not.toBe(poseUrl(before, 'side'));
    const oldSvg = await (await fetch(poseUrl(before, 'side')!)).text();
    const newSvg = await (await fetch(poseUrl(after, 'side')!)).text();
    expect(newSvg).not.toBe(oldSvg);
  });

  it('adds a pose the character lacks; works from ready and failed', async () => {
    const character = await reviewing();
    await action(character.id, 'save');
    await action(character.id, 'refs/regenerate', { pose: 'other' });
    await api.advance(DELAY);
    const after = (await api.get(character.id)).body;
    expect(after.refs.map((ref) => ref.pose)).toEqual(['portrait', 'front', 'side', 'back', 'other']);

    await api.config({ fail_next_synth: true });
    await action(character.id, 'refs/regenerate', { pose: 'front' });
    await api.advance(DELAY);
    const failed = (await api.get(character.id)).body;
    expect(failed.status).toBe('failed');
    expect(failed.refs).toHaveLength(5);
    expect((await action(character.id, 'refs/regenerate', { pose: 'front' })).status).toBe(200);
  });

  it('400 invalid_request_error for a bad pose, from synthesizing, and without attributes; 402 without credits', async () => {
    const character = await reviewing();
    const badPose = await action(character.id, 'refs/regenerate', { pose: 'upside-down' });
    expect(api.errorOf(badPose)).toMatchObject({ code: 'invalid_request_error', param: 'pose' });
    await action(character.id, 'refs/regenerate', { pose: 'front' });
    expect(api.errorOf(await action(character.id, 'refs/regenerate', { pose: 'front' })).code).toBe('invalid_request_error');

    const uploaded = await api.create({ name: 'u', upload_ids: [await api.upload()] });
    const noAttrs = await action(uploaded.body.id, 'refs/regenerate', { pose: 'front' });
    expect(noAttrs.status).toBe(400);
    expect(api.errorOf(noAttrs).param).toBe('attributes');

    const b = await reviewing(SANDBOX_TEAM_B_KEY); // 5 - 4 = 1 credit left
    const first = await api.call('POST', `/v1/characters/${b.id}/refs/regenerate`, { key: SANDBOX_TEAM_B_KEY, body: { pose: 'front' } });
    expect(first.status).toBe(200);
    await api.advance(DELAY);
    const broke = await api.call('POST', `/v1/characters/${b.id}/refs/regenerate`, { key: SANDBOX_TEAM_B_KEY, body: { pose: 'back' } });
    expect(broke.status).toBe(402);
    expect(api.errorOf(broke).code).toBe('insufficient_credits');
  });
});

describe('where a regenerate or resynthesize lands', () => {
  // save: "after save, the character cannot be returned to reviewing".
  it('from ready back in ready (with the new image), from reviewing in reviewing', async () => {
    const saved = await reviewing();
    expect((await action(saved.id, 'save')).body.status).toBe('ready');
    await action(saved.id, 'refs/regenerate', { pose: 'side' });
    await api.advance(DELAY);
    const regenerated = (await api.get(saved.id)).body;
    expect(regenerated.status).toBe('ready');
    expect(poseUrl(regenerated, 'side')).not.toBe(poseUrl(saved, 'side'));
    await action(saved.id, 'resynthesize', {});
    await api.advance(DELAY);
    expect((await api.get(saved.id)).body.status).toBe('ready');

    const inReview = await reviewing();
    await action(inReview.id, 'resynthesize', {});
    await api.advance(DELAY);
    expect((await api.get(inReview.id)).body.status).toBe('reviewing');
  });

  it('an upload-flow character (ready) that generates a missing pose stays ready', async () => {
    const uploaded = await api.create({ name: 'u', upload_ids: [await api.upload()], attributes: ATTRIBUTES });
    expect(uploaded.body.status).toBe('ready');
    await action(uploaded.body.id, 'refs/regenerate', { pose: 'portrait' });
    await api.advance(DELAY);
    expect((await api.get(uploaded.body.id)).body.status).toBe('ready');
  });
});

describe('resynthesize', () => {
  it('costs 4 credits and replaces all four poses; 400 from synthesizing', async () => {
    const before = await reviewing();
    const reply = await action(before.id, 'resynthesize', {});
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('synthesizing');
    expect(api.errorOf(await action(before.id, 'resynthesize')).code).toBe('invalid_request_error');
    await api.advance(DELAY);
    const after = (await api.get(before.id)).body;
    expect(after.status).toBe('reviewing');
    for (const pose of ['portrait', 'front', 'side', 'back']) expect(poseUrl(after, pose)).not.toBe(poseUrl(before, pose));
    expect((await api.balance()).body).toMatchObject({ credits: 992, held_credits: 0 });
  });

  it('402 when the team cannot cover 4 credits', async () => {
    const b = await reviewing(SANDBOX_TEAM_B_KEY);
    const reply = await api.call('POST', `/v1/characters/${b.id}/resynthesize`, { key: SANDBOX_TEAM_B_KEY });
    expect(reply.status).toBe(402);
  });
});
