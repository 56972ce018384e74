/**
 * The library's covers are thumbnails (issue 15), not the full-size uploads: 20 characters made
 * from real photos, enlarged to phone-camera size (3000×4000), show in the library as small WebPs
 * from the console's thumbnail route. Also writes screenshots at 360 and 1280 px and prints the
 * image bytes the page loaded against what the full-size covers would have cost.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Character } from '../contract/aurous';
import { PARTNER_PORT } from '../playwright.config';
import { expect, test } from './fixtures';

const PHOTOS = ['rocket.jpg', 'cameraman.png', 'chelsea.png'].map((name) => path.join('/work/shared/photos', name));
const COUNT = 20;

/** A tall 3000×4000 JPEG from one of the photos, each a little different (flipped, tinted). */
async function phonePhoto(index: number): Promise<Buffer> {
  let image = sharp(PHOTOS[index % PHOTOS.length]!).resize({ width: 3000, height: 4000, fit: 'cover', kernel: 'lanczos3' });
  if (index % 2) image = image.flop();
  return image
    .modulate({ hue: (index * 37) % 360, saturation: 1 + (index % 3) * 0.1 })
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function uploadCharacter(request: APIRequestContext, name: string, bytes: Buffer): Promise<Character> {
  const init = await request.post('/api/v1/characters/uploads/init', {
    data: { filename: `${name}.jpg`, extension: 'jpg', content_type: 'image/jpeg' },
  });
  expect(init.status(), await init.text()).toBe(200);
  const { upload_id: uploadId, upload_url: uploadUrl } = (await init.json()) as { upload_id: string; upload_url: string };
  const put = await request.put(uploadUrl, { headers: { 'Content-Type': 'image/jpeg' }, data: bytes });
  expect(put.status(), await put.text()).toBe(200);
  const made = await request.post('/api/v1/characters', { data: { name, upload_ids: [uploadId] } });
  expect(made.status(), await made.text()).toBe(201);
  return (await made.json()) as Character;
}

/** Scrolls every tile into view (they load lazily) and waits until each cover has loaded. */
async function loadEveryCover(page: Page) {
  const tiles = page.getByRole('list', { name: 'Characters' }).getByRole('img');
  await expect(tiles).toHaveCount(COUNT);
  for (const tile of await tiles.all()) {
    await tile.scrollIntoViewIfNeeded();
    await expect.poll(() => tile.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  return tiles;
}

test('the library shows thumbnails of 20 real photos, not the full-size originals', async ({ page, request, sandbox }, testInfo) => {
  void sandbox;
  testInfo.setTimeout(180_000);
  let fullSize = 0;
  for (let index = 0; index < COUNT; index++) {
    const bytes = await phonePhoto(index);
    fullSize += bytes.byteLength;
    await uploadCharacter(request, `Photo ${String(index + 1).padStart(2, '0')}`, bytes);
  }

  const figures: string[] = [];
  for (const viewport of [
    { width: 1280, height: 900, scale: 1 },
    { width: 360, height: 780, scale: 2 },
  ]) {
    const context = await page
      .context()
      .browser()!
      .newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.scale,
      });
    // The same signed-in person as the tests' own requests.
    await context.request.post('/api/auth/sandbox-sign-in');
    const tab = await context.newPage();
    let imageBytes = 0;
    let images = 0;
    tab.on('response', async (response) => {
      if (response.request().resourceType() !== 'image') return;
      const body = await response.body().catch(() => null);
      if (!body) return;
      imageBytes += body.byteLength;
      images += 1;
    });
    await tab.goto('/characters');
    const tiles = await loadEveryCover(tab);
    for (const tile of await tiles.all()) {
      const { src, naturalWidth } = await tile.evaluate((img: HTMLImageElement) => ({
        src: img.currentSrc,
        naturalWidth: img.naturalWidth,
      }));
      expect(new URL(src).pathname).toMatch(/^\/api\/characters\/char_[^/]+\/refs\/[a-z]+\/thumbnail$/);
      expect(naturalWidth).toBeLessThanOrEqual(480);
    }
    await tab.evaluate(() => window.scrollTo(0, 0));
    await tab.screenshot({ path: path.join(os.tmpdir(), `library-thumbnails-${viewport.width}.png`), fullPage: viewport.width === 360 });
    figures.push(`${viewport.width} px @${viewport.scale}x: ${images} images, ${imageBytes} bytes`);
    expect(imageBytes).toBeLessThan(fullSize / 20);
    await context.close();
  }
  console.log(`[thumbnails] full-size covers: ${fullSize} bytes; loaded: ${figures.join('; ')}`);
});

test('inside a partner’s embed the library’s cover is the thumbnail too, fetched with the session header', async ({ page, sandbox }) => {
  void sandbox;
  const partner = `http://127.0.0.1:${PARTNER_PORT}`;
  const file = path.join(os.tmpdir(), 'embed-tall-photo.jpg');
  writeFileSync(file, await phonePhoto(2));
  await page.goto(partner);
  const frame = page.frameLocator('iframe[title="Aurous console"]');
  await frame.getByLabel('Choose reference images').setInputFiles([file]);
  await expect(frame.getByRole('listitem', { name: 'embed-tall-photo.jpg' }).getByText('Classified')).toBeVisible();
  await frame.getByLabel('Character name').fill('Embedded photo');
  await frame.getByRole('button', { name: 'Create character' }).click();
  await expect(frame.getByRole('heading', { name: 'Embedded photo' })).toBeVisible();

  const thumbnails: { status: number; type: string | null }[] = [];
  page.on('response', (response) => {
    if (/\/api\/characters\/[^/]+\/refs\/[a-z]+\/thumbnail\?/.test(response.url())) {
      thumbnails.push({ status: response.status(), type: response.headers()['content-type'] ?? null });
    }
  });
  await page.goto(`${partner}/?mode=review`);
  const cover = frame.getByRole('list', { name: 'Characters' }).getByRole('img');
  await expect(cover).toHaveCount(1);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const { src, naturalWidth } = await cover.evaluate((img: HTMLImageElement) => ({ src: img.currentSrc, naturalWidth: img.naturalWidth }));
  expect(src).toMatch(/^blob:/);
  expect(naturalWidth).toBeLessThanOrEqual(480);
  expect(thumbnails).toEqual([{ status: 200, type: 'image/webp' }]);
});
