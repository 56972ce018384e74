/**
 * The embedded sandbox with persistence on (as `npm start` runs it): a restart (a new sandbox on
 * the same folder) keeps characters, their uploaded bytes, credits and the clock; a reset resets
 * the file too. Off by default, so every other test gets a fresh in-memory sandbox.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Character } from '../../contract/aurous';
import { createSandbox, type SandboxInstance } from '../../sandbox/app';
import { ATTRIBUTES, sandboxClient } from '../helpers/sandbox-client';
import { makePng } from '../helpers/png';
import { serveApp, type Served } from './http-helpers';

const folders: string[] = [];
const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((served) => served.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(
  dir: string | undefined,
): Promise<{ sandbox: SandboxInstance; api: ReturnType<typeof sandboxClient>; origin: string }> {
  const sandbox = createSandbox({ persistDir: dir });
  const served = await serveApp(sandbox.app);
  running.push(served);
  return { sandbox, api: sandboxClient(() => served.origin), origin: served.origin };
}

const tempFolder = () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sandbox-persist-'));
  folders.push(folder);
  return folder;
};

describe('the sandbox kept on disk', () => {
  it('a restart keeps webhook endpoints (same id, same secret preview, secret still hidden)', async () => {
    const dir = tempFolder();
    const first = await start(dir);
    const created = await first.api.call<{ id: string; secret: string; secret_preview: string }>('POST', '/v1/webhook_endpoints', {
      body: { url: 'https://hooks.example/aurous', events: ['character.completed'] },
    });
    expect(created.status).toBe(201);
    first.sandbox.flush();
    const second = await start(dir);
    const read = await second.api.call<{ secret: string | null; secret_preview: string; events: string[] }>(
      'GET',
      `/v1/webhook_endpoints/${created.body.id}`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ secret: null, secret_preview: created.body.secret_preview, events: ['character.completed'] });
  });

  it('a restart on the same folder keeps characters, uploaded bytes, credits and the clock', async () => {
    const dir = tempFolder();
    const first = await start(dir);
    const bytes = makePng(16, 16, 7);
    const uploadId = await first.api.upload('front.png', bytes);
    await first.api.classify(uploadId);
    const fromUploads = await first.api.create({ name: 'Kept', upload_ids: [uploadId] });
    expect(fromUploads.status).toBe(201);
    const generated = await first.api.create({ name: 'Generated', generate: true, attributes: ATTRIBUTES });
    expect(generated.status).toBe(201);
    await first.api.advance(60_000);
    const settled = (await first.api.get(generated.body.id)).body;
    const balance = (await first.api.balance()).body;
    first.sandbox.flush();

    const second = await start(dir);
    const kept = await second.api.get(fromUploads.body.id);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ name: 'Kept', status: fromUploads.body.status });
    // Same refs, same bytes, served by the restarted sandbox (URLs follow its origin).
    const ref = kept.body.refs[0] as Character['refs'][number];
    const download = await fetch(ref.url.replace(first.origin, second.origin));
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await second.api.get(generated.body.id)).body).toMatchObject({ status: settled.status, updated_at: settled.updated_at });
    expect((await second.api.balance()).body).toEqual(balance);
  });

  it('saves on its own shortly after a change, with no flush', async () => {
    const dir = tempFolder();
    const first = await start(dir);
    const created = await first.api.create({ name: 'Soon', generate: true, attributes: ATTRIBUTES });
    await expect.poll(() => existsSync(path.join(dir, 'sandbox.json')), { timeout: 5_000 }).toBe(true);
    await expect.poll(async () => (await (await start(dir)).api.get(created.body.id)).status, { timeout: 5_000 }).toBe(200);
  });

  it('POST /_sandbox/reset resets the file too: a restart after it starts from the seeds', async () => {
    const dir = tempFolder();
    const first = await start(dir);
    const uploadId = await first.api.upload();
    const created = await first.api.create({ name: 'Gone', upload_ids: [uploadId] });
    first.sandbox.flush();
    expect(readdirSync(path.join(dir, 'sandbox-blobs')).length).toBeGreaterThan(0);
    await first.api.reset();

    const second = await start(dir);
    expect((await second.api.get(created.body.id)).status).toBe(404);
    expect((await second.api.balance()).body).toMatchObject({ available_credits: 1000 });
    expect(readdirSync(path.join(dir, 'sandbox-blobs'))).toEqual([]);
  });

  it('an unreadable file is set aside and the sandbox starts from the seeds', async () => {
    const dir = tempFolder();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'sandbox.json'), '{ not json');
    const started = await start(dir);
    expect((await started.api.balance()).body).toMatchObject({ available_credits: 1000 });
    expect(readdirSync(dir).some((name) => name.startsWith('sandbox.json.unreadable-'))).toBe(true);
  });

  it('is off unless asked for: nothing is written', async () => {
    const cwdBefore = readdirSync(process.cwd());
    const plain = await start(undefined);
    await plain.api.create({ name: 'Memory', generate: true, attributes: ATTRIBUTES });
    plain.sandbox.flush();
    expect(readdirSync(process.cwd())).toEqual(cwdBefore);
  });
});
