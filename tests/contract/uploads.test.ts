import { describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../contract/aurous';
import { SANDBOX_TEAM_B_KEY } from '../../contract/sandbox';
import { makePng } from '../helpers/png';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const MINUTE = 60_000;

describe('POST /v1/characters/uploads/init', () => {
  it('mints an upl_ ticket with a same-origin signed upload_url, headers and a 15 min expiry', async () => {
    const before = Date.now();
    const reply = await api.init('front.png');
    expect(reply.status).toBe(200);
    expect(reply.body.upload_id).toMatch(/^upl_[0-9A-Z]{26}$/);
    const url = new URL(reply.body.upload_url);
    expect(url.origin).toBe(sandbox.url());
    expect(url.pathname).toBe(`/storage/uploads/${reply.body.upload_id}`);
    expect(url.searchParams.get('signature')).toBeTruthy();
    expect(reply.body.upload_headers).toEqual({ 'Content-Type': 'image/png' });
    const ttl = Date.parse(reply.body.expires_at) - before;
    expect(ttl).toBeGreaterThanOrEqual(15 * MINUTE - 1000);
    expect(ttl).toBeLessThanOrEqual(15 * MINUTE + 1000);
  });

  it('mints URLs from the incoming origin (embedding)', async () => {
    const { createSandbox } = await import('../../sandbox/app');
    const { app } = createSandbox();
    const response = await app.fetch(
      new Request('http://console.example:5173/v1/characters/uploads/init', {
        method: 'POST',
        headers: { 'X-Api-Key': `al_live_${'0'.repeat(63)}a`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ filename: 'a.png', extension: 'png', content_type: 'image/png' }),
      }),
    );
    const body = (await response.json()) as { upload_url: string };
    expect(body.upload_url.startsWith('http://console.example:5173/storage/uploads/')).toBe(true);
  });

  it('400 when extension and content_type do not match', async () => {
    const reply = await api.call('POST', '/v1/characters/uploads/init', {
      body: { filename: 'a.jpg', extension: 'jpg', content_type: 'image/png' },
    });
    expect(reply.status).toBe(400);
    expect(api.errorOf(reply)).toMatchObject({ type: 'invalid_request', param: 'content_type' });
    const jpeg = await api.call('POST', '/v1/characters/uploads/init', {
      body: { filename: 'a.jpeg', extension: 'jpeg', content_type: 'image/jpeg' },
    });
    expect(jpeg.status).toBe(200);
  });

  it('400 for an empty or over-long filename and unknown fields', async () => {
    for (const body of [
      { filename: '', extension: 'png', content_type: 'image/png' },
      { filename: 'a'.repeat(121), extension: 'png', content_type: 'image/png' },
      { filename: 'a.png', extension: 'png', content_type: 'image/png', size: 3 },
    ]) {
      const reply = await api.call('POST', '/v1/characters/uploads/init', { body });
      expect(reply.status).toBe(400);
    }
  });
});

describe('storage PUT', () => {
  it('stores with a valid signature, sends no CORS headers, 403s a bad or missing signature', async () => {
    const init = await api.init();
    const ok = await api.put(init.body.upload_url, makePng(4, 4));
    expect(ok.status).toBe(200);
    expect([...ok.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const tampered = new URL(init.body.upload_url);
    tampered.searchParams.set('signature', 'forged');
    expect((await api.put(tampered.toString(), makePng(4, 4))).status).toBe(403);
    tampered.searchParams.delete('signature');
    expect((await api.put(tampered.toString(), makePng(4, 4))).status).toBe(403);
    const otherExpiry = new URL(init.body.upload_url);
    otherExpiry.searchParams.set('expires', String(Date.now() + 10 * 24 * 3600_000));
    expect((await api.put(otherExpiry.toString(), makePng(4, 4))).status).toBe(403);
    const preflight = await fetch(init.body.upload_url, { method: 'OPTIONS', headers: { Origin: 'http://x.test' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('403 once the URL expired on the sandbox clock (16 min)', async () => {
    const init = await api.init();
    await api.advance(16 * MINUTE);
    expect((await api.put(init.body.upload_url, makePng(4, 4))).status).toBe(403);
  });

  it('re-PUT overwrites before expiry; PUT after consumption is 403', async () => {
    const init = await api.init('pic.png');
    await api.put(init.body.upload_url, makePng(4, 4, 1));
    const first = await api.classify(init.body.upload_id);
    await api.put(init.body.upload_url, makePng(4, 20, 2));
    const second = await api.classify(init.body.upload_id);
    expect(first.body.pose).toBe('portrait');
    expect(second.body.pose).toBe('front');
    await api.create({ name: 'c', upload_ids: [init.body.upload_id] });
    expect((await api.put(init.body.upload_url, makePng(4, 4))).status).toBe(403);
  });

  it('400 invalid_format for an empty body; the upload stays not uploaded', async () => {
    const init = await api.init();
    const empty = await api.put(init.body.upload_url, new Uint8Array());
    expect(empty.status).toBe(400);
    const error = ((await empty.json()) as ApiErrorBody).error;
    expect(error).toMatchObject({ type: 'invalid_request', code: 'invalid_format' });
    expect(error.message).toMatch(/empty/);
    expect(api.errorOf(await api.classify(init.body.upload_id)).code).toBe('upload_invalid');
  });

  it('413 for a chunked body past 100 MB, without reading the rest of it', async () => {
    const init = await api.init();
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    let stop = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stop || sent >= 400 * chunk.byteLength) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const reply = await fetch(init.body.upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body,
      duplex: 'half',
    } as RequestInit);
    const sentAtReply = sent;
    stop = true;
    expect(reply.status).toBe(413);
    expect(((await reply.json()) as ApiErrorBody).error.code).toBe('file_too_large');
    // The answer came once the cap was passed, not after buffering the whole 400 MB.
    expect(sentAtReply).toBeLessThan(150 * chunk.byteLength);
    expect(api.errorOf(await api.classify(init.body.upload_id)).code).toBe('upload_invalid');
  });
});

describe('POST /v1/characters/uploads/classify', () => {
  it('is deterministic: same bytes → same answer, repeated calls identical', async () => {
    const bytes = makePng(10, 10, 7);
    const a = await api.classify(await api.upload('one.png', bytes));
    const again = await api.classify(a.body.upload_id);
    const b = await api.classify(await api.upload('two.png', bytes));
    expect(again.body).toEqual(a.body);
    expect({ pose: b.body.pose, confidence: b.body.confidence }).toEqual({ pose: a.body.pose, confidence: a.body.confidence });
    expect(a.body.confidence).toBeGreaterThanOrEqual(0);
    expect(a.body.confidence).toBeLessThanOrEqual(1);
  });

  it('honours a pose word in the filename', async () => {
    const cases: [string, string][] = [
      ['Hero_FRONT.png', 'front'],
      ['profile-left.png', 'side'],
      ['my side shot.png', 'side'],
      ['rear-view.png', 'back'],
      ['back.png', 'back'],
      ['headshot.png', 'portrait'],
      ['face_closeup.png', 'portrait'],
    ];
    for (const [filename, pose] of cases) {
      const reply = await api.classify(await api.upload(filename, makePng(30, 10)));
      expect(reply.body.pose, filename).toBe(pose);
      expect(reply.body.confidence).toBeGreaterThanOrEqual(0.8);
    }
    // "backpack" is not the word "back".
    const word = await api.classify(await api.upload('backpack.png', makePng(30, 10)));
    expect(word.body.pose).toBe('other');
  });

  it('falls back to the dimensions, then other', async () => {
    const square = await api.classify(await api.upload('img.png', makePng(20, 20)));
    const tall = await api.classify(await api.upload('img.png', makePng(10, 20)));
    const wide = await api.classify(await api.upload('img.png', makePng(30, 10)));
    const junk = await api.classify(await api.upload('img.png', new TextEncoder().encode('not an image')));
    expect([square.body.pose, tall.body.pose, wide.body.pose, junk.body.pose]).toEqual(['portrait', 'front', 'other', 'other']);
    expect(square.body.confidence).toBeGreaterThanOrEqual(0.5);
    expect(square.body.confidence).toBeLessThanOrEqual(0.79);
    expect(junk.body.confidence).toBeLessThanOrEqual(0.6);
  });

  it('400 upload_invalid for unknown, not-yet-uploaded, consumed and expired uploads', async () => {
    const unknown = await api.classify('upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR');
    expect(api.errorOf(unknown)).toMatchObject({ type: 'invalid_request', code: 'upload_invalid', param: 'upload_id' });
    const init = await api.init();
    const empty = await api.classify(init.body.upload_id);
    expect(empty.status).toBe(400);
    expect(api.errorOf(empty).code).toBe('upload_invalid');
    const consumed = await api.upload();
    await api.create({ name: 'c', upload_ids: [consumed] });
    expect(api.errorOf(await api.classify(consumed)).code).toBe('upload_invalid');
    const aging = await api.upload();
    await api.advance(23 * 60 * MINUTE);
    expect((await api.classify(aging)).status).toBe(200);
    await api.advance(2 * 60 * MINUTE);
    const expired = await api.classify(aging);
    expect(expired.status).toBe(400);
    expect(api.errorOf(expired).code).toBe('upload_invalid');
  });

  it("404 resource_not_found for another team's upload", async () => {
    const id = await api.upload();
    const reply = await api.classify(id, SANDBOX_TEAM_B_KEY);
    expect(reply.status).toBe(404);
    expect(api.errorOf(reply)).toMatchObject({ type: 'not_found', code: 'resource_not_found' });
  });
});
