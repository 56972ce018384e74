/**
 * The history of every pose (issue 16): before a regenerate or resynthesize replaces a pose, the
 * console server keeps its old images (full size and thumbnail) and numbers the versions; every
 * copy on one database sees and continues the same history; a refused call records nothing; a
 * save marks the approved version; the routes are scoped like every character route.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, Character } from '../../contract/aurous';
import { poseHistoryUrl, type PoseHistory } from '../../contract/pose-history';
import { createConsoleApp } from '../../server/app';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { serveApp } from './http-helpers';
import { api, direct, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe.each(DRIVERS)('pose history on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  let creator1: Caller;
  let creator2: Caller;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    app = await startScopedConsole(fresh.options);
    creator1 = await person(app.origin, 'creator-1@sandbox.test');
    creator2 = await person(app.origin, 'creator-2@sandbox.test');
  });
  afterAll(async () => {
    await app?.stop();
    await fresh?.drop();
  });

  const as = (caller: Caller, origin = app.origin) => api(origin, caller);
  /** Lets the sandbox finish whatever it is synthesizing, and reads the character through the console. */
  async function settled(id: string, origin = app.origin): Promise<Character> {
    await direct(app.origin, 'POST', '/_sandbox/clock', { advance_ms: 600_000 });
    const answer = await as(creator1, origin).call('GET', `/api/v1/characters/${id}`);
    expect(answer.status).toBe(200);
    const character = answer.body as Character;
    expect(character.status).toBe('reviewing');
    return character;
  }
  const history = async (caller: Caller, id: string, origin = app.origin) => {
    const answer = await fetch(`${origin}${poseHistoryUrl(id)}`, { headers: caller });
    expect(answer.status).toBe(200);
    return (await answer.json()) as PoseHistory;
  };
  const bytesOf = async (caller: Caller, url: string) => {
    const answer = await fetch(new URL(url, app.origin), { headers: caller });
    expect(answer.status, url).toBe(200);
    return { type: answer.headers.get('content-type'), bytes: Buffer.from(await answer.arrayBuffer()) };
  };

  it('a regenerate keeps the replaced pose, full size and thumbnail; a second copy continues the numbering', async () => {
    const made = await settled((await as(creator1).synthesize('Versioned')).id);
    const oldFront = made.refs.find((ref) => ref.pose === 'front')!;
    const original = await bytesOf(creator1, oldFront.url);
    // Nothing replaced yet: no history.
    expect((await history(creator1, made.id)).versions).toEqual([]);

    const first = await as(creator1).call('POST', `/api/v1/characters/${made.id}/refs/regenerate`, { pose: 'front' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const afterFirst = await history(creator1, made.id);
    expect(afterFirst.versions.map(({ pose, version, current, replaced_by }) => ({ pose, version, current, replaced_by }))).toEqual([
      { pose: 'front', version: 1, current: false, replaced_by: 'regenerate' },
      { pose: 'front', version: 2, current: true, replaced_by: null },
    ]);
    const [v1] = afterFirst.versions;
    // The full size is the image storage served before the regenerate; the thumbnail a small WebP of it.
    const full = await bytesOf(creator1, v1!.image_url!);
    expect(full.type).toBe('image/png');
    const originalPng = await sharp(original.bytes).png().toBuffer();
    expect((await sharp(full.bytes).metadata()).width).toBe((await sharp(originalPng).metadata()).width);
    const thumb = await bytesOf(creator1, v1!.thumbnail_url!);
    expect(thumb.type).toBe('image/webp');
    expect((await sharp(thumb.bytes).metadata()).width).toBeLessThanOrEqual(480);
    // Kept in the console's storage: the old ref's bytes are no longer what the character shows.
    const landed = await settled(made.id);
    const newFront = landed.refs.find((ref) => ref.pose === 'front')!;
    expect(newFront.url).not.toBe(oldFront.url);
    expect((await bytesOf(creator1, newFront.url)).bytes.equals(original.bytes)).toBe(false);

    // Another copy of the console on the same database: same history, and it numbers on from it.
    const copy = await serveApp(createConsoleApp({ upstream: app.upstream, team: app.started.team }));
    try {
      expect((await history(creator1, made.id, copy.origin)).versions).toEqual(afterFirst.versions);
      const second = await as(creator1, copy.origin).call('POST', `/api/v1/characters/${made.id}/refs/regenerate`, { pose: 'front' });
      expect(second.status).toBe(200);
      const afterSecond = await history(creator1, made.id);
      expect(afterSecond.versions.map((each) => [each.version, each.current, each.thumbnail_url !== null])).toEqual([
        [1, false, true],
        [2, false, true],
        [3, true, false],
      ]);
      // v2 is the regenerate's result: the image the character showed before this second one.
      const v2 = await bytesOf(creator1, afterSecond.versions[1]!.image_url!);
      expect(v2.bytes.equals(full.bytes)).toBe(false);
    } finally {
      await copy.close();
    }
  });

  it('a refused regenerate records nothing; a resynthesize keeps every pose; a save marks the approved versions', async () => {
    const made = await settled((await as(creator1).synthesize('Rerolled')).id);
    const regenerate = await as(creator1).call('POST', `/api/v1/characters/${made.id}/refs/regenerate`, { pose: 'side' });
    expect(regenerate.status).toBe(200);
    // Synthesizing now: a second regenerate is refused by the console (409, one paid action at a
    // time per character) before it reaches the API, and nothing is recorded for it.
    const refused = await as(creator1).call('POST', `/api/v1/characters/${made.id}/refs/regenerate`, { pose: 'side' });
    expect(refused.status).toBe(409);
    expect((await history(creator1, made.id)).versions.filter((each) => each.pose === 'side')).toHaveLength(2);

    await settled(made.id);
    const resynthesized = await as(creator1).call('POST', `/api/v1/characters/${made.id}/resynthesize`, {});
    expect(resynthesized.status).toBe(200);
    const all = await history(creator1, made.id);
    const byPose = (pose: string) => all.versions.filter((each) => each.pose === pose).map((each) => [each.version, each.replaced_by]);
    expect(byPose('portrait')).toEqual([
      [1, 'resynthesize'],
      [2, null],
    ]);
    expect(byPose('side')).toEqual([
      [1, 'regenerate'],
      [2, 'resynthesize'],
      [3, null],
    ]);

    await settled(made.id);
    const saved = await as(creator1).call('POST', `/api/v1/characters/${made.id}/save`);
    expect(saved.status).toBe(200);
    const approved = (await history(creator1, made.id)).versions.filter((each) => each.approved_at !== null);
    expect(approved.map((each) => [each.pose, each.version, each.approved_by])).toEqual([
      ['portrait', 2, 'creator-1@sandbox.test'],
      ['front', 2, 'creator-1@sandbox.test'],
      ['side', 3, 'creator-1@sandbox.test'],
      ['back', 2, 'creator-1@sandbox.test'],
    ]);
    // Saving a ready character again changes nothing, so approves nothing anew.
    const before = approved.map((each) => each.approved_at);
    expect((await as(creator1).call('POST', `/api/v1/characters/${made.id}/save`)).status).toBe(200);
    const again = (await history(creator1, made.id)).versions.filter((each) => each.approved_at !== null).map((each) => each.approved_at);
    expect(again).toEqual(before);
  });

  it('a save of a character never regenerated approves its first versions', async () => {
    const made = await settled((await as(creator1).synthesize('First try')).id);
    expect((await as(creator1).call('POST', `/api/v1/characters/${made.id}/save`)).status).toBe(200);
    const versions = (await history(creator1, made.id)).versions;
    expect(versions.map((each) => [each.pose, each.version, each.current, each.approved_at !== null])).toEqual([
      ['portrait', 1, true, true],
      ['front', 1, true, true],
      ['side', 1, true, true],
      ['back', 1, true, true],
    ]);
  });

  it('another creator gets 404 for the history and its images; a discarded character takes its history with it', async () => {
    const made = await settled((await as(creator1).synthesize('Private')).id);
    expect((await as(creator1).call('POST', `/api/v1/characters/${made.id}/refs/regenerate`, { pose: 'back' })).status).toBe(200);
    const [old] = (await history(creator1, made.id)).versions;
    for (const path of [poseHistoryUrl(made.id), old!.image_url!, old!.thumbnail_url!]) {
      const answer = await fetch(`${app.origin}${path}`, { headers: creator2 });
      expect(answer.status, path).toBe(404);
      expect(((await answer.json()) as ApiErrorBody).error.param).toBe('character_id');
      expect((await fetch(`${app.origin}${path}`)).status).toBe(401);
    }
    const bad = await fetch(`${app.origin}/api/characters/${made.id}/history/back/0/full`, { headers: creator1 });
    expect(bad.status).toBe(400);

    await settled(made.id);
    const discarded = await as(creator1).call('DELETE', `/api/v1/characters/${made.id}`);
    expect((discarded.body as { hard_deleted: boolean }).hard_deleted).toBe(true);
    const gone = await fetch(`${app.origin}${old!.image_url!}`, { headers: creator1 });
    expect(gone.status).toBe(404);
    expect((await fetch(`${app.origin}${poseHistoryUrl(made.id)}`, { headers: creator1 })).status).toBe(404);
  });
});
