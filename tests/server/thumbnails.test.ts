/**
 * The library's covers are thumbnails (issue 15): a 4000×6000 upload becomes a ≤ 480 px WebP,
 * made once and then served from the console's image store (storage is not asked again, by this
 * copy or another), scoped like every character route, with versioned caching. And the fetch of
 * a ref is guarded like the upload relay: no credentials, no private addresses, redirects re-checked.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, Character } from '../../contract/aurous';
import { thumbnailUrl } from '../../contract/thumbnails';
import { createConsoleApp } from '../../server/app';
import { character as characterTable, storedImage } from '../../server/db/schema';
import { refSource } from '../../server/images/ref-source';
import { DEFAULT_TIMEOUTS } from '../../server/limits';
import { upstreamFromEnv, type Upstream } from '../../server/upstream';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { fakeHost, serveApp, type FakeHost } from './http-helpers';
import { api, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** The embedded sandbox, counting the console's own GETs of ref bytes from storage. */
function countingSandbox(): { upstream: Upstream; storageGets: () => number } {
  const base = upstreamFromEnv({});
  let gets = 0;
  return {
    upstream: {
      ...base,
      fetch: (request) => {
        if (new URL(request.url).pathname.startsWith('/storage/refs/')) gets += 1;
        return base.fetch(request);
      },
    },
    storageGets: () => gets,
  };
}

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .jpeg({ quality: 80 })
    .toBuffer();

async function uploadCharacter(origin: string, caller: Caller, name: string, bytes: Buffer): Promise<Character> {
  const as = api(origin, caller);
  const init = await as.call('POST', '/api/v1/characters/uploads/init', {
    filename: 'big.jpg',
    extension: 'jpg',
    content_type: 'image/jpeg',
  });
  expect(init.status).toBe(200);
  const { upload_id: uploadId, upload_url: uploadUrl } = init.body as { upload_id: string; upload_url: string };
  const put = await fetch(new URL(uploadUrl, origin), {
    method: 'PUT',
    headers: { ...caller, 'Content-Type': 'image/jpeg' },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  const made = await as.call('POST', '/api/v1/characters', { name, upload_ids: [uploadId] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body as Character;
}

describe.each(DRIVERS)('thumbnails on %s', (driver) => {
  let fresh: FreshDatabase;
  let app: ScopedConsole;
  let counted: ReturnType<typeof countingSandbox>;
  let creator1: Caller;
  let creator2: Caller;
  let big: Character;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    counted = countingSandbox();
    app = await startScopedConsole(fresh.options, counted.upstream);
    creator1 = await person(app.origin, 'creator-1@sandbox.test');
    creator2 = await person(app.origin, 'creator-2@sandbox.test');
    big = await uploadCharacter(app.origin, creator1, 'Tall photo', await photo(4000, 6000));
  });
  afterAll(async () => {
    await app?.stop();
    await fresh?.drop();
  });

  const get = (caller: Caller, path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.origin}${path}`, { headers: { ...caller, ...headers } });

  it('turns a 4000×6000 JPEG into a WebP within 480 × 640, once; later requests come from the store', async () => {
    const pose = big.refs[0]!.pose;
    const url = thumbnailUrl(big.id, pose, 480, big.updated_at);
    const before = counted.storageGets();

    const first = await get(creator1, url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(480);
    expect(meta.height).toBeLessThanOrEqual(640);
    // The photo's own 2:3 kept: 427 × 640.
    expect(Math.abs(meta.width! / meta.height! - 2 / 3)).toBeLessThan(0.01);
    expect(meta.exif).toBeUndefined();
    expect(bytes.byteLength).toBeLessThan(50_000);
    expect(counted.storageGets() - before).toBe(1);

    const second = await get(creator1, url);
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    // Conditional: nothing but a 304.
    const revalidated = await get(creator1, url, { 'If-None-Match': etag! });
    expect(revalidated.status).toBe(304);
    // Another copy of the console on the same database reuses it too.
    const other = countingSandbox();
    const copy = await serveApp(createConsoleApp({ upstream: other.upstream, team: app.started.team }));
    try {
      const fromCopy = await fetch(`${copy.origin}${url}`, { headers: creator1 });
      expect(fromCopy.status).toBe(200);
      expect(Buffer.from(await fromCopy.arrayBuffer()).equals(bytes)).toBe(true);
      expect(other.storageGets()).toBe(0);
    } finally {
      await copy.close();
    }
    expect(counted.storageGets() - before).toBe(1);
  });

  it('an out-of-date or missing version is served but revalidated, never cached for good', async () => {
    const pose = big.refs[0]!.pose;
    const stale = await get(creator1, thumbnailUrl(big.id, pose, 240, '2020-01-01T00:00:00.000Z'));
    expect(stale.status).toBe(200);
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('a regenerate makes a new thumbnail under its new version', async () => {
    const synthesized = await api(app.origin, creator1).synthesize('Figure');
    // Settle the synthesis: the sandbox finishes on read.
    let current = synthesized;
    for (let i = 0; i < 200 && current.refs.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      current = (await api(app.origin, creator1).call('GET', `/api/v1/characters/${synthesized.id}`)).body as Character;
    }
    expect(current.refs.length).toBeGreaterThan(0);
    const first = await get(creator1, thumbnailUrl(current.id, 'front', 240, current.updated_at));
    expect(first.status).toBe(200);
    const regenerated = await api(app.origin, creator1).call('POST', `/api/v1/characters/${current.id}/refs/regenerate`, { pose: 'front' });
    expect(regenerated.status, JSON.stringify(regenerated.body)).toBeLessThan(300);
    const after = (regenerated.body as Character).updated_at;
    expect(after).not.toBe(current.updated_at);
    const before = counted.storageGets();
    const second = await get(creator1, thumbnailUrl(current.id, 'front', 240, after));
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(counted.storageGets() - before).toBe(1);
    const keys = await app.started.team.db
      .select({ key: storedImage.key })
      .from(storedImage)
      .where(eq(storedImage.characterId, current.id));
    // Two thumbnails (the pose history keeps the replaced image under its own keys).
    expect(keys.filter(({ key }) => key.startsWith('thumb/'))).toHaveLength(2);
  });

  it('a character discarded for good takes its thumbnails with it', async () => {
    let current = await api(app.origin, creator1).synthesize('Discarded');
    for (let i = 0; i < 200 && current.status !== 'reviewing'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      current = (await api(app.origin, creator1).call('GET', `/api/v1/characters/${current.id}`)).body as Character;
    }
    const url = thumbnailUrl(current.id, 'front', 160, current.updated_at);
    expect((await get(creator1, url)).status).toBe(200);
    const keys = () =>
      app.started.team.db.select({ key: storedImage.key }).from(storedImage).where(eq(storedImage.characterId, current.id));
    expect(await keys()).toHaveLength(1);
    const discarded = await api(app.origin, creator1).call('DELETE', `/api/v1/characters/${current.id}`);
    expect((discarded.body as { hard_deleted: boolean }).hard_deleted).toBe(true);
    expect(await keys()).toHaveLength(0);
    expect((await get(creator1, url)).status).toBe(404);
  });

  it('twenty covers asked for at once are all made, each once', async () => {
    const before = counted.storageGets();
    const widths = [160, 240, 480] as const;
    const answers = await Promise.all(
      Array.from({ length: 21 }, (_, index) => get(creator1, thumbnailUrl(big.id, big.refs[0]!.pose, widths[index % 3]!, `${index}`))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 21 }, () => 200));
    // 480 was made by the first test; 160 and 240 (the stale-version test made 240) at most once each.
    expect(counted.storageGets() - before).toBeLessThanOrEqual(1);
  });

  it('a creator cannot get another creator’s thumbnail: 404 as for no such character, storage never asked', async () => {
    const before = counted.storageGets();
    for (const width of [160, 240, 480] as const) {
      const answer = await get(creator2, thumbnailUrl(big.id, big.refs[0]!.pose, width, big.updated_at));
      expect(answer.status).toBe(404);
      const body = (await answer.json()) as ApiErrorBody;
      expect(body.error).toMatchObject({ type: 'not_found', code: 'resource_not_found', param: 'character_id' });
    }
    expect(counted.storageGets()).toBe(before);
    // Signed out: 401.
    expect((await fetch(`${app.origin}${thumbnailUrl(big.id, big.refs[0]!.pose, 240, big.updated_at)}`)).status).toBe(401);
  });

  it('a width outside the fixed set is 400, saying which are allowed', async () => {
    for (const w of ['300', '', '240.0', '4800', 'abc']) {
      const answer = await get(creator1, `/api/characters/${big.id}/refs/${big.refs[0]!.pose}/thumbnail?w=${w}`);
      expect(answer.status, w).toBe(400);
      const body = (await answer.json()) as ApiErrorBody;
      expect(body.error).toMatchObject({ code: 'parameter_invalid', param: 'w' });
      expect(body.error.message).toContain('160, 240, 480');
    }
  });

  it('a pose the character does not have is 404; storage failing is 502 in the console’s envelope', async () => {
    const missing = big.refs.some((ref) => ref.pose === 'back') ? 'side' : 'back';
    const none = await get(creator1, thumbnailUrl(big.id, missing, 240, big.updated_at));
    expect(none.status).toBe(404);
    expect(((await none.json()) as ApiErrorBody).error.param).toBe('pose');

    // The index's URL for it stops working (a bad token): storage refuses, the console says 502.
    const small = await uploadCharacter(app.origin, creator1, 'Broken link', await photo(300, 400));
    const [row] = await app.started.team.db.select().from(characterTable).where(eq(characterTable.id, small.id));
    const answer = row!.character as unknown as Character;
    const broken = { ...answer, refs: answer.refs.map((ref) => ({ ...ref, url: ref.url.replace(/token=[^&]+/, 'token=forged') })) };
    await app.started.team.db
      .update(characterTable)
      .set({ character: broken as unknown as Record<string, unknown> })
      .where(eq(characterTable.id, small.id));
    const failed = await get(creator1, thumbnailUrl(small.id, answer.refs[0]!.pose, 240, answer.updated_at));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as ApiErrorBody).error).toMatchObject({ type: 'server_error', code: 'thumbnail_upstream_failed' });
  });
});

describe('fetching a ref from a real storage host', () => {
  let storage: FakeHost;
  let elsewhere: FakeHost;
  let jpeg: Buffer;

  beforeAll(async () => {
    storage = await fakeHost();
    elsewhere = await fakeHost();
    jpeg = await photo(40, 60);
  });
  afterAll(async () => {
    await storage?.close();
    await elsewhere?.close();
  });

  const source = (trusted: string[]) =>
    refSource({
      upstream: upstreamFromEnv({ AUROUS_API_BASE: storage.origin, AUROUS_API_KEY: 'al_live_secret' }),
      trustedOrigins: trusted,
      timeouts: DEFAULT_TIMEOUTS,
      maxBytes: 1024 * 1024,
    });

  it('sends no credentials to a trusted origin, and follows a redirect within it', async () => {
    storage.requests.length = 0;
    storage.respond = (request, response) => {
      if (request.url.startsWith('/hop')) response.writeHead(302, { Location: '/storage/ref.bin?token=t' }).end();
      else response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(jpeg);
    };
    const got = await source([storage.origin])(`${storage.origin}/hop`);
    expect(got.ok).toBe(true);
    expect(storage.requests.map((request) => request.url)).toEqual(['/hop', '/storage/ref.bin?token=t']);
    for (const request of storage.requests) {
      expect(request.headers['x-api-key']).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers.cookie).toBeUndefined();
    }
  });

  it('refuses a private address it was not told to trust, directly or by a redirect', async () => {
    elsewhere.requests.length = 0;
    const direct = await source([storage.origin])(`${elsewhere.origin}/storage/ref.bin`);
    expect(direct).toMatchObject({ ok: false, reason: 'refused' });
    storage.respond = (_request, response) => response.writeHead(302, { Location: `${elsewhere.origin}/metadata` }).end();
    const redirected = await source([storage.origin])(`${storage.origin}/hop`);
    expect(redirected).toMatchObject({ ok: false, reason: 'refused' });
    const metadata = await source([storage.origin])('http://169.254.169.254/latest/meta-data/');
    expect(metadata).toMatchObject({ ok: false, reason: 'refused' });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('stops reading past the size limit', async () => {
    storage.respond = (_request, response) => response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(Buffer.alloc(2 * 1024 * 1024));
    expect(await source([storage.origin])(`${storage.origin}/huge`)).toMatchObject({ ok: false, reason: 'too_large' });
  });
});
