import { expect, test } from './fixtures';
import { pngFile } from './images';

test('a synthesis interrupted by a reload resumes with its key and is charged once', async ({ page, sandbox }) => {
  await sandbox.configure({ latency_ms: 2500, synth_delay_ms: 500 });
  await page.goto('/synthesize');
  await page.getByLabel('Character name').fill('Interrupted');
  await page.getByLabel('Eye colour').fill('green');
  await page.getByRole('button', { name: 'Synthesize' }).click();
  await expect(page.getByRole('button', { name: 'Starting…' })).toBeVisible();
  await page.reload();

  const resumed = page.getByRole('status').filter({ hasText: 'Resumed the synthesis of “Interrupted”' });
  await expect(resumed).toBeVisible({ timeout: 20_000 });
  await resumed.getByRole('link', { name: 'Open the character' }).click();
  await expect(page.getByRole('heading', { name: 'Interrupted' })).toBeVisible();
  await sandbox.configure({ latency_ms: 0 });
  expect(await sandbox.availableCredits()).toBe(996);
  const list = await page.request.get('/api/v1/characters');
  expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(1);
});

test('offline pauses uploads and says so; back online they carry on', async ({ page, context, sandbox }) => {
  void sandbox;
  await page.goto('/');
  // The page has started: signed in (the sandbox's automatic sign-in) and its code loaded.
  await expect(page.getByRole('banner').getByRole('button', { name: /Sandbox Owner/ })).toBeVisible();
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  await page.getByLabel('Choose reference images').setInputFiles([pngFile('offline-front.png', 81)]);
  const item = page.getByRole('listitem', { name: 'offline-front.png' });
  await expect(item).toContainText('Waiting');
  await page.waitForTimeout(1000);
  await expect(item).toContainText('Waiting');
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toHaveCount(0);
  await expect(item.getByText('front', { exact: true })).toBeVisible();
});

test('the upload rows load after the first screen; if their code fails to arrive, files still show and the rows follow', async ({
  page,
  sandbox,
}) => {
  void sandbox;
  let refused = 0;
  // The rows' chunk fails twice (a dropped connection), then arrives.
  await page.route(/\/assets\/upload-queue-[\w-]+\.js$/, async (route) => {
    if (refused < 2) {
      refused += 1;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([pngFile('late-front.png', 82)]);
  const item = page.getByRole('listitem', { name: 'late-front.png' });
  await expect(item).toBeVisible();
  // The full row, with its pose badge, once the code is in.
  await expect(item.getByText('front', { exact: true })).toBeVisible({ timeout: 15_000 });
  expect(refused).toBe(2);
});

test('a screen whose code cannot be fetched says so and offers a reload; the rest of the console goes on', async ({ page, sandbox }) => {
  void sandbox;
  await page.route(/\/assets\/library-page-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.getByRole('link', { name: 'Library' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be shown' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload the page' })).toBeVisible();
  // The header still works, and another screen shows normally.
  await page.getByRole('link', { name: 'From images' }).click();
  await expect(page.getByRole('heading', { name: 'New character from images' })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a create from images interrupted by a reload resumes with its key: one character, the uploads used once', async ({
  page,
  sandbox,
}) => {
  await page.goto('/');
  await page.getByLabel('Choose reference images').setInputFiles([pngFile('resume-front.png', 91), pngFile('resume-side.png', 92)]);
  await expect(page.getByRole('listitem', { name: 'resume-side.png' }).getByText('Classified')).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'resume-front.png' }).getByText('Classified')).toBeVisible();
  await sandbox.configure({ latency_ms: 2500 });
  await page.getByLabel('Character name').fill('From the reload');
  await page.getByRole('button', { name: 'Create character' }).click();
  await expect(page.getByRole('button', { name: 'Creating…' })).toBeVisible();
  await page.reload();

  const resumed = page.getByRole('status').filter({ hasText: 'Resumed creating “From the reload” from your images' });
  await expect(resumed).toBeVisible({ timeout: 20_000 });
  // The uploads now belong to the character: the queue is empty, nothing asks for them again.
  await expect(page.getByRole('list', { name: 'Reference images' })).toHaveCount(0);
  await resumed.getByRole('link', { name: 'Open the character' }).click();
  await expect(page.getByRole('heading', { name: 'From the reload' })).toBeVisible();
  await sandbox.configure({ latency_ms: 0 });
  const stats = await sandbox.stats();
  expect(stats.teams.a).toMatchObject({ uploads_consumed: 2, characters: 1 });
});
