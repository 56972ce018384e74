/** Storage PUT faults: put_403_expired (count) and put_reset_rate (socket and in process). */
import { describe, expect, it } from 'vitest';
import { SANDBOX_TEAM_A_KEY } from '../../contract/sandbox';
import { createSandbox } from '../../sandbox/app';
import { makePng } from '../helpers/png';
import { setUpSandbox } from '../helpers/set-up-sandbox';

const sandbox = setUpSandbox();
const { api } = sandbox;
const png = makePng(8, 8, 3);

async function expectNotUploaded(uploadId: string) {
  const classify = await api.classify(uploadId);
  expect(classify.status).toBe(400);
  expect(api.errorOf(classify)).toMatchObject({ code: 'upload_invalid', param: 'upload_id' });
  expect(api.errorOf(classify).message).toMatch(/no bytes yet/);
}

describe('put_403_expired', () => {
  it('the next N PUTs answer 403 as an expired URL and store nothing; then it exhausts exactly', async () => {
    await api.config({ put_403_expired: 2 });
    const init = await api.init();
    for (let i = 0; i < 2; i++) {
      const put = await api.put(init.body.upload_url, png);
      expect(put.status).toBe(403);
      const body = (await put.json()) as { error: { type: string; code: string; message: string } };
      expect(body.error).toMatchObject({ type: 'authentication', code: 'signature_invalid' });
      expect(body.error.message).toMatch(/expired/);
      await expectNotUploaded(init.body.upload_id);
    }
    expect((await api.put(init.body.upload_url, png)).status).toBe(200);
    expect((await api.classify(init.body.upload_id)).status).toBe(200);
    expect((await api.stats()).faults.injected_put_403).toBe(2);
  });

  it('a PUT refused for a real reason does not use up the count', async () => {
    await api.config({ put_403_expired: 1 });
    const init = await api.init();
    const forged = init.body.upload_url.replace(/signature=[^&]+/, 'signature=forged');
    expect((await api.put(forged, png)).status).toBe(403);
    expect((await api.stats()).faults.injected_put_403).toBe(0);
    expect((await api.put(init.body.upload_url, png)).status).toBe(403);
    expect((await api.put(init.body.upload_url, png)).status).toBe(200);
  });
});

describe('put_reset_rate', () => {
  it('over a real socket the connection resets: fetch rejects and classify says not uploaded', async () => {
    await api.config({ put_reset_rate: 1 });
    const small = await api.init();
    await expect(api.put(small.body.upload_url, png)).rejects.toThrow(TypeError);
    await expectNotUploaded(small.body.upload_id);
    // Part-way through a larger body too.
    const large = await api.init('large.png');
    await expect(api.put(large.body.upload_url, new Uint8Array(4 * 1024 * 1024))).rejects.toThrow(TypeError);
    await expectNotUploaded(large.body.upload_id);
    expect((await api.stats()).faults.injected_put_resets).toBe(2);

    await api.config({ put_reset_rate: 0 });
    expect((await api.put(small.body.upload_url, png)).status).toBe(200);
    expect((await api.classify(small.body.upload_id)).status).toBe(200);
  });

  it('in process (app.fetch, no socket) the promise rejects with TypeError fetch failed', async () => {
    const { app } = createSandbox();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.fetch(
        new Request(`http://console.test${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }),
      );
    const key = { 'X-Api-Key': SANDBOX_TEAM_A_KEY };
    const init = (await (
      await post('/v1/characters/uploads/init', { filename: 'a.png', extension: 'png', content_type: 'image/png' }, key)
    ).json()) as { upload_id: string; upload_url: string };
    expect((await post('/_sandbox/config', { put_reset_rate: 1 })).status).toBe(200);
    const put = app.fetch(
      new Request(init.upload_url, { method: 'PUT', body: Buffer.from(png), headers: { 'Content-Type': 'image/png' } }),
    );
    await expect(put).rejects.toThrow(new TypeError('fetch failed'));
    const classify = await post('/v1/characters/uploads/classify', { upload_id: init.upload_id }, key);
    expect(classify.status).toBe(400);
  });

  it('0 never fires', async () => {
    for (let i = 0; i < 10; i++) await api.upload(`p${i}.png`, png);
    expect((await api.stats()).faults.injected_put_resets).toBe(0);
  });
});
