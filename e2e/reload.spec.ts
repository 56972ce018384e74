import { expect, test } from './fixtures';
import { pngFile } from './images';

test('a reload mid-upload keeps finished uploads and asks again only for unsent files', async ({ page, sandbox, expectAccessible }) => {
  await page.goto('/');
  const list = page.getByRole('list', { name: 'Reference images' });
  await page.getByLabel('Choose reference images').setInputFiles([pngFile('kept-front.png', 71)]);
  await expect(list.getByRole('listitem', { name: 'kept-front.png' }).getByText('front', { exact: true })).toBeVisible();

  // Slow the API so the next file is caught mid-flight (init still pending) by the reload.
  await sandbox.configure({ latency_ms: 3000 });
  await page.getByLabel('Choose reference images').setInputFiles([pngFile('unsent-side.png', 72)]);
  await expect(list.getByRole('listitem', { name: 'unsent-side.png' })).toContainText('Uploading 0%');
  await page.reload();

  const kept = list.getByRole('listitem', { name: 'kept-front.png' });
  await expect(kept.getByText('front', { exact: true })).toBeVisible();
  await expect(kept.getByText(/% confidence/)).toBeVisible();
  const unsent = list.getByRole('listitem', { name: 'unsent-side.png' });
  await expect(unsent).toContainText('Choose the file again');
  await expect(page.getByText('Choose 1 file again (its upload was interrupted by a reload) or remove it.')).toBeVisible();
  await expectAccessible();

  await sandbox.configure({ latency_ms: 0 });
  const chooser = page.waitForEvent('filechooser');
  await unsent.getByRole('button', { name: 'Choose unsent-side.png again' }).click();
  await (await chooser).setFiles([pngFile('unsent-side.png', 72)]);
  await expect(unsent.getByText('side', { exact: true })).toBeVisible();

  await page.getByLabel('Character name').fill('Survivor');
  await page.getByRole('button', { name: 'Create character' }).click();
  // The kept upload's id was reused: creating would fail with upload_invalid had it been lost.
  await expect(page.getByRole('heading', { name: 'Survivor' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Reference poses' }).getByRole('img')).toHaveCount(2);

  // The finished session is cleared: a fresh upload page after another reload.
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Reference images' })).toHaveCount(0);
});

test('a reload while synthesizing resumes polling from the URL', async ({ page, sandbox }) => {
  await sandbox.configure({ synth_delay_ms: 3000 });
  await page.goto('/synthesize');
  await page.getByLabel('Character name').fill('Patience');
  await page.getByLabel('Hair colour').fill('grey');
  await page.getByRole('button', { name: 'Synthesize' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Synthesizing…' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Patience' })).toBeVisible();
  await expect(page.getByText('reviewing', { exact: true })).toBeVisible({ timeout: 15_000 });
  expect(await sandbox.availableCredits()).toBe(996);
});
