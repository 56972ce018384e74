import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** GETs the page makes of one character through the API (`/api/v1/characters/<id>`), counted from now. */
function countApiReads(page: Page) {
  const reads: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() === 'GET' && /^\/api\/v1\/characters\/[^/]+$/.test(pathname)) reads.push(pathname);
  });
  return reads;
}

async function startSynthesis(page: Page, name: string) {
  await page.goto('/synthesize');
  await page.getByLabel('Character name').fill(name);
  await page.getByLabel('Hair colour').fill('copper');
  await page.getByRole('button', { name: 'Synthesize' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Synthesizing…' })).toBeVisible();
}

test('a synthesizing character’s page flips to reviewing when the stream says so, without reading the API', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 5000 });
  const streams: string[] = [];
  const indexReads: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === '/api/events') streams.push(pathname);
    if (/^\/api\/characters\/[^/]+$/.test(pathname)) indexReads.push(pathname);
  });
  await startSynthesis(page, 'Told live');
  const reads = countApiReads(page);
  // Nobody acts: the console server polls upstream and the stream brings the change.
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Reference poses' }).getByRole('img').first()).toBeVisible();
  expect(streams.length).toBeGreaterThan(0);
  expect(reads).toEqual([]);
  // Not polling the index either: at most the one read again when the stream came up.
  expect(indexReads.length).toBeLessThanOrEqual(1);
  await expect(page.getByText(/Reconnecting/)).toHaveCount(0);
});

test('with the stream down the page polls the console’s index, not the API, and still flips', async ({ page, sandbox }) => {
  await page.route('**/api/events', (route) => route.abort());
  await sandbox.configure({ synth_delay_ms: 5000 });
  const indexReads: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/api\/characters\/[^/]+$/.test(pathname)) indexReads.push(pathname);
  });
  await startSynthesis(page, 'Polled from the index');
  const reads = countApiReads(page);
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 20_000 });
  expect(reads).toEqual([]);
  expect(indexReads.length).toBeGreaterThan(0);
  await expect(page.getByText(/Reconnecting/)).toHaveCount(0);
});
